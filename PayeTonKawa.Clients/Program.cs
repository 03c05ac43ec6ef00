using PayeTonKawa.Clients;
using PayeTonKawa.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ClientsApi.Identity);
builder.AddClientsApi();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapClientsApi();

app.Run();
