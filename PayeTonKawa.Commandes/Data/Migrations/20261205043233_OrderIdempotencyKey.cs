using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayeTonKawa.Commandes.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "idempotency_key",
                table: "commandes",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_commandes_idempotency_key",
                table: "commandes",
                column: "idempotency_key",
                unique: true,
                filter: "idempotency_key IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_commandes_idempotency_key",
                table: "commandes");

            migrationBuilder.DropColumn(
                name: "idempotency_key",
                table: "commandes");
        }
    }
}
