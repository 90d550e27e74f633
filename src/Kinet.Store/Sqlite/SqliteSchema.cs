// The database layout. One row per live object, plus the store revision, which is kept separately because the newest
// write may have been a delete and revisions must never go backwards across a restart.
namespace Kinet.Store.Sqlite;

internal static class SqliteSchema
{
    public const int Version = 1;

    // A rowid table rather than WITHOUT ROWID: rows hold kilobytes of JSON, which SQLite advises against in WITHOUT ROWID tables.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT NOT NULL PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS objects (
            resource  TEXT    NOT NULL,
            namespace TEXT    NOT NULL,
            name      TEXT    NOT NULL,
            revision  INTEGER NOT NULL,
            json      BLOB    NOT NULL,
            PRIMARY KEY (resource, namespace, name));
        """;

    public const string SelectRevision = "SELECT max(coalesce((SELECT value FROM meta WHERE key = 'revision'), 0), coalesce((SELECT max(revision) FROM objects), 0))";
    public const string SelectObjects = "SELECT resource, namespace, name, revision, json FROM objects";

    public const string Upsert = """
        INSERT INTO objects (resource, namespace, name, revision, json) VALUES ($resource, $namespace, $name, $revision, $json)
        ON CONFLICT (resource, namespace, name) DO UPDATE SET revision = excluded.revision, json = excluded.json
        """;
    public const string Delete = "DELETE FROM objects WHERE resource = $resource AND namespace = $namespace AND name = $name";
    public const string SetRevision = "INSERT INTO meta (key, value) VALUES ('revision', $revision) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
}
