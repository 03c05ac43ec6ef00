using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayeTonKawa.Commandes.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "commandes",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "commandes");
        }
    }
}
