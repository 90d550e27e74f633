// The SQLite durable log: one exclusive connection, WAL with synchronous=FULL so a committed transaction survives a crash,
// one transaction per group-committed batch.
using Kinet.Store.Core;
using Microsoft.Data.Sqlite;

namespace Kinet.Store.Sqlite;

internal sealed class SqliteLog : IDurableLog
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert, _delete, _setRevision;

    private SqliteLog(SqliteConnection connection)
    {
        _connection = connection;
        _upsert = Prepare(SqliteSchema.Upsert, "$resource", "$namespace", "$name", "$revision", "$json");
        _delete = Prepare(SqliteSchema.Delete, "$resource", "$namespace", "$name");
        _setRevision = Prepare(SqliteSchema.SetRevision, "$revision");
    }

    /// <summary>Opens (creating if needed) the database, takes it exclusively and loads every object.</summary>
    public static (SqliteLog Log, StoreSnapshot Snapshot) Open(string path)
    {
        // No pooling: closing must release the file, and the exclusive lock with it. Holding that lock, this connection is
        // never busy afterwards, so the timeout only bounds how long a second opener waits for the first to close.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 5 }.ToString());
        try
        {
            connection.Open();
            // Exclusive: two stores on one file would hand out the same revisions. Taking the write lock now makes a second
            // opener fail at once ("database is locked") instead of at its first write. Set before WAL so that WAL keeps its
            // index in heap memory rather than a shared-memory file.
            Execute(connection, "PRAGMA locking_mode = EXCLUSIVE");
            Execute(connection, "PRAGMA journal_mode = WAL");
            Execute(connection, "PRAGMA synchronous = FULL");
            Execute(connection, "BEGIN EXCLUSIVE; COMMIT;");
            using (var tx = connection.BeginTransaction())
            {
                var version = Scalar(connection, "PRAGMA user_version");
                if (version > SqliteSchema.Version) throw new InvalidOperationException($"{path}: store schema {version} is newer than this program's ({SqliteSchema.Version})");
                Execute(connection, SqliteSchema.Create);
                Execute(connection, $"PRAGMA user_version = {SqliteSchema.Version}");
                tx.Commit();
            }
            var revision = Scalar(connection, SqliteSchema.SelectRevision);
            var snapshot = StoreSnapshot.Load(ReadObjects(connection), revision);
            return (new SqliteLog(connection), snapshot);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Append(IReadOnlyList<ChangeEvent> changes, long revision)
    {
        using var tx = _connection.BeginTransaction();
        try
        {
            foreach (var change in changes)
            {
                var o = change.Object;
                var command = change.Type == ChangeType.Deleted ? _delete : _upsert;
                command.Transaction = tx;
                command.Parameters[0].Value = o.Resource;
                command.Parameters[1].Value = o.Namespace;
                command.Parameters[2].Value = o.Name;
                if (command == _upsert)
                {
                    command.Parameters[3].Value = o.Revision;
                    command.Parameters[4].Value = o.Json;
                }
                command.ExecuteNonQuery();
            }
            _setRevision.Transaction = tx;
            _setRevision.Parameters[0].Value = revision;
            _setRevision.ExecuteNonQuery();
            tx.Commit();
        }
        catch
        {
            tx.Rollback();
            throw;
        }
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
        _setRevision.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private static IEnumerable<StoredObject> ReadObjects(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = SqliteSchema.SelectObjects;
        using var reader = command.ExecuteReader();
        // Resource and namespace repeat on every row; share one string each instead of keeping thousands of copies.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Share(string s) => shared.TryGetValue(s, out var existing) ? existing : shared[s] = s;
        while (reader.Read())
            yield return new StoredObject(Share(reader.GetString(0)), Share(reader.GetString(1)), reader.GetString(2), reader.GetInt64(3), (byte[])reader.GetValue(4));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
