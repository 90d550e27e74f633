// Options of the SQLite backend. Durability is not configurable: every acknowledged write is fsynced (WAL, synchronous=FULL).
namespace Kinet.Store.Sqlite;

public sealed record SqliteStoreOptions : StoreOptions;
