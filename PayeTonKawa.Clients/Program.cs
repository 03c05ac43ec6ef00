using PayeTonKawa.Clients;
using PayeTonKawa.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ClientsService.Identity);
builder.AddClientsService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapClientsService();

app.Run();
