-- The inbox's payloads compressed with LZ4, where the server has it.
--
-- A staged row holds up to 500 events in our own binary form, about 225 KB,
-- stored out of line as some 110 TOAST chunks, each a tuple, an index entry
-- and WAL. Its JSON compresses three to four times, and LZ4 does that at a
-- small fraction of the cost of writing the chunks it saves (pglz, the
-- default, did not pay for itself; see 0012). A server built without LZ4,
-- or older than PostgreSQL 14, keeps the payloads as they are.
DO $$
BEGIN
  EXECUTE 'ALTER TABLE event_inbox ALTER COLUMN payload SET COMPRESSION lz4';
  EXECUTE 'ALTER TABLE event_inbox ALTER COLUMN payload SET STORAGE EXTENDED';
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'event_inbox payloads stay uncompressed: %', SQLERRM;
END
$$;
