-- The fleet's nodes and the recording jobs they claim: see
-- service/src/fleet/jobs.rs for the protocol (claim, lease, fence).

CREATE TABLE nodes (
    node_id      text PRIMARY KEY,
    url          text NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    -- CPU cores the node's recordings use now, measured.
    load         double precision NOT NULL DEFAULT 0,
    -- CPU cores it can still give to a new recording, measured.
    headroom     double precision NOT NULL DEFAULT 0,
    draining     boolean NOT NULL DEFAULT false,
    -- What it records now: [{"recordingId", "roomId"}, …].
    recordings   jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE jobs (
    -- The recording's id: one job per recording.
    id               text PRIMARY KEY,
    room_id          text NOT NULL,
    -- What to record: the participants' sources and the recorder's config.
    spec             jsonb NOT NULL,
    state            text NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'running', 'done', 'failed')),
    -- What the API asked of the recording; the holder reads it at each renewal.
    desired          text NOT NULL DEFAULT 'record'
                     CHECK (desired IN ('record', 'pause', 'stop')),
    node_id          text,
    -- Raised by every claim; a write that names an older epoch is refused.
    epoch            bigint NOT NULL DEFAULT 0,
    lease_expires_at timestamptz,
    -- Claims since the job last made progress.
    attempts         integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL DEFAULT 3 CHECK (max_attempts > 0),
    -- CPU cores the job is expected to take (admission).
    cost             double precision NOT NULL DEFAULT 0 CHECK (cost >= 0),
    queued_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    -- A job still queued then fails: no node had room.
    queue_deadline   timestamptz,
    finished_at      timestamptz,
    reason           text
);

-- Claim scans the unfinished jobs oldest first.
CREATE INDEX jobs_unfinished ON jobs (queued_at) WHERE state IN ('queued', 'running');
-- A room has at most one recording in progress, across the fleet.
CREATE UNIQUE INDEX jobs_one_per_room ON jobs (room_id) WHERE state IN ('queued', 'running');
