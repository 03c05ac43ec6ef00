using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayeTonKawa.Commandes.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProduitsSupprimes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "produits_supprimes",
                columns: table => new
                {
                    produit_id = table.Column<int>(type: "integer", nullable: false),
                    date_suppression = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_produits_supprimes", x => x.produit_id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "produits_supprimes");
        }
    }
}
