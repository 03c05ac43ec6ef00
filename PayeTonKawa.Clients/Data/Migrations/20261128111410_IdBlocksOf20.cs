using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PayeTonKawa.Clients.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdBlocksOf20 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterSequence(
                name: "clients_id_seq",
                incrementBy: 20);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterSequence(
                name: "clients_id_seq",
                oldIncrementBy: 20);
        }
    }
}
