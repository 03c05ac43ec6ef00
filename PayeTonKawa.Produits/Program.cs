using PayeTonKawa.Produits;
using PayeTonKawa.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ProduitsApi.Identity);
builder.AddProduitsApi();

var app = builder.Build();

app.UseServiceDefaults();
app.MapDefaultEndpoints();
app.MapProduitsApi();

app.Run();
