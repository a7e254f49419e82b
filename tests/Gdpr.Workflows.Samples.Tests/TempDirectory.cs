using System.Text;
using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Samples.Tests;

/// <summary>A directory for one test's SQLite files, deleted afterwards; and a full dump of a file for comparisons.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("gdpr-samples-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>Every row of every table, in a stable order: equal dumps mean nothing changed.</summary>
    public static string Dump(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            // erasure_deliveries counts every delivery, a repeated one too: it is the boundary's meter, not the system's data.
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'erasure_deliveries' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = select.ExecuteReader();
            dump.Append(table).Append('\n');
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    dump.Append(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString()).Append('|');
                }

                dump.Append('\n');
            }
        }

        return dump.ToString();
    }
}
