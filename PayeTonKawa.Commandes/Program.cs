using PayeTonKawa.Commandes;
using PayeTonKawa.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(CommandesService.Identity);
builder.AddCommandesService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapCommandesService();

app.Run();
