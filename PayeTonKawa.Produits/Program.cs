using PayeTonKawa.Produits;
using PayeTonKawa.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ProduitsService.Identity);
builder.AddProduitsService();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapProduitsService();

app.Run();
