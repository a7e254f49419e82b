using Microsoft.Data.Sqlite;

namespace Gdpr.Workflows.Stores.Sqlite;

/// <summary>
/// One open connection with its prepared statements, leased to one operation at a time. Commands are
/// kept per SQL text, so a statement is compiled once per connection rather than once per call.
/// </summary>
internal sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteSession(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction? Transaction { get; private set; }

    /// <summary>The cached command for <paramref name="sql"/>, parameters cleared, enlisted in the current transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        command.Parameters.Clear();
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>BEGIN IMMEDIATE: takes the write lock up front (waiting up to the busy timeout), so the transaction never fails to upgrade.</summary>
    public void BeginWrite() => Transaction = Connection.BeginTransaction(deferred: false);

    public void Commit()
    {
        Transaction!.Commit();
        EndTransaction();
    }

    public void Rollback()
    {
        if (Transaction is null)
        {
            return;
        }

        try
        {
            Transaction.Rollback();
        }
        finally
        {
            EndTransaction();
        }
    }

    public void Dispose()
    {
        Transaction?.Dispose();
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }

    private void EndTransaction()
    {
        Transaction!.Dispose();
        Transaction = null;
    }
}

/// <summary>Parameter binding without ceremony.</summary>
internal static class SqliteCommandExtensions
{
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
