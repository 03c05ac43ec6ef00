namespace PayeTonKawa.ServiceDefaults;

public static class Placeholder;
