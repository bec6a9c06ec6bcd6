-- The fleet's catalog: rooms, recordings and their parts. A node writes a
-- recording's rows only inside a transaction fenced by its job (see
-- service/src/fleet/catalog.rs); every node reads them.

CREATE TABLE rooms (
    room_id          text PRIMARY KEY,
    allow_recording  boolean NOT NULL,
    -- admin, admin-moderator or admin-moderator-speaker.
    recording_access text NOT NULL
);

CREATE TABLE recordings (
    -- The API's recordingId (the job's id).
    id          text PRIMARY KEY,
    room_id     text NOT NULL,
    -- RFC 3339 UTC as the recorder writes it: orders as text, as the page
    -- tokens' keys do.
    started_at  text NOT NULL,
    duration_ms bigint NOT NULL DEFAULT 0,
    size_bytes  bigint NOT NULL DEFAULT 0,
    -- OpenVidu Meet's status (starting, active, ending, complete, …).
    status      text NOT NULL,
    -- The recorder's state while it records (RECORDING_PAUSED, …), else NULL.
    live        text,
    -- The node that records it, or recorded its last part.
    node_id     text,
    -- The recording as the API shows it (meetrec's metadata, parts merged).
    meta        jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One index per sort order (ties broken by id); the room's for ?roomId=.
CREATE INDEX recordings_by_start ON recordings (started_at, id);
CREATE INDEX recordings_by_room ON recordings (room_id, id);
CREATE INDEX recordings_by_room_start ON recordings (room_id, started_at, id);
CREATE INDEX recordings_by_duration ON recordings (duration_ms, id);
CREATE INDEX recordings_by_size ON recordings (size_bytes, id);

-- Each claim of a recording's job records one part, on one node.
CREATE TABLE parts (
    recording_id text NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
    epoch        bigint NOT NULL,
    node_id      text NOT NULL,
    -- The part's file on that node's disk, and its sidecar metadata.
    path         text NOT NULL,
    meta         jsonb NOT NULL,
    PRIMARY KEY (recording_id, epoch)
);
