-- Deterministic per-row randomness for the child-table expansion: u() is a uniform in [0, 1) from a hash of
-- (device id, day, row, stream, table) xor the run's salt; nz() is a standard normal (Box-Muller).
-- Bits: id < 2^24, day < 4096, row < 1024, stream < 32, table < 32, so keys never collide.
CREATE MACRO u(id, day, j, s, t) AS
    ((hash(xor((((((id::BIGINT * 4096 + day) * 1024 + j) * 32 + s) * 32 + t)), ${salt}::BIGINT)) >> 11)::DOUBLE
     / 9007199254740992.0);
CREATE MACRO nz(id, day, j, s, t) AS
    sqrt(-2 * ln(greatest(u(id, day, j, s, t), 1e-300))) * cos(2 * pi() * u(id, day, j, s + 16, t));
-- Active days of a device in a table: its anchor day (so every present device has at least one row) plus each
-- other day with the table's per-day probability.
CREATE MACRO active(id, day, t, rate) AS
    (day = floor(u(id, 4095, 0, 0, t) * ${days})::INTEGER OR u(id, day, 0, 0, t) < rate);
