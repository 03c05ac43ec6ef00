using PayeTonKawa.Commandes;
using PayeTonKawa.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(CommandesApi.Identity);
builder.AddCommandesApi();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCommandesApi();

app.Run();
