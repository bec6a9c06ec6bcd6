// SPDX-License-Identifier: MPL-2.0
//! The fleet's media store (`mediaStore`: `s3://…`, `az://…`, `gs://…`,
//! `file:///…`, through `object_store`): where a recording's media goes as
//! it is recorded, so a node that dies takes at most the chunk it had open.
//!
//! Each part's recorder cuts its file every `chunkSeconds` at a keyframe
//! (`split-duration`); every chunk it closes goes up as
//! `<prefix>/<recording>/<epoch>-<n>.<ext>`. When the recording ends, the
//! node that ends it joins every chunk of every part, in order, into one
//! file without re-encoding (`splitmuxsrc` into the container's muxer),
//! puts it beside them, and removes the chunks. Every node serves the
//! joined file from the store (kept in a hidden cache beside its
//! recordings, the first time its media is asked for, then answered with
//! Range like a local file).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use gst::prelude::*;
use object_store::ObjectStore;
use object_store::path::Path as Key;

use gstmeetrec::delivery::upload::{open_store, put_verified, remote_uri};

#[derive(Clone)]
pub(crate) struct MediaStore {
    store: Arc<dyn ObjectStore>,
    prefix: Key,
    uri: String,
}

/// One chunk's object name: its part's epoch, its place in the part (so
/// names sort in recording order), and when it was closed (ms since the
/// epoch: with its duration, when its media was recorded).
pub(crate) fn chunk_name(epoch: i64, seq: u32, closed_ms: u64, ext: &str) -> String {
    format!("{epoch:06}-{seq:06}-{closed_ms}.{ext}")
}

/// (epoch, closed ms) from a chunk's name.
fn parse_chunk(name: &str) -> Option<(i64, u64)> {
    let (stem, _ext) = name.split_once('.')?;
    let mut it = stem.split('-');
    let (epoch, seq, closed) = (it.next()?, it.next()?, it.next()?);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (it.next().is_none() && epoch.len() == 6 && seq.len() == 6 && digits(seq) && digits(closed))
        .then(|| Some((epoch.parse().ok()?, closed.parse().ok()?)))
        .flatten()
}

/// What one part kept of its media in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Kept {
    pub(crate) epoch: i64,
    pub(crate) ms: u64,
    /// When its first chunk's media began and its last one ended (ms since
    /// the epoch, wall clock).
    pub(crate) from_ms: u64,
    pub(crate) to_ms: u64,
}

/// What joining a recording's chunks made.
#[derive(Debug, Clone)]
pub(crate) struct Joined {
    /// The joined file's URI in the store.
    pub(crate) uri: String,
    pub(crate) size: u64,
    /// What each part kept (its chunks), in epoch order.
    pub(crate) kept: Vec<Kept>,
}

impl MediaStore {
    pub(crate) fn open(uri: &str) -> Result<MediaStore, String> {
        let (store, prefix) = open_store(uri, &[]).map_err(|e| format!("mediaStore: {e}"))?;
        Ok(MediaStore {
            store: Arc::from(store),
            prefix,
            uri: uri.trim_end_matches('/').to_string(),
        })
    }

    fn key(&self, id: &str, name: &str) -> Key {
        self.prefix.child(id).child(name)
    }

    /// Checks that the store answers (a node refuses to start otherwise).
    pub(crate) async fn check(&self) -> Result<(), String> {
        use futures_util::StreamExt;
        let mut listing = self.store.list(Some(&self.prefix));
        match listing.next().await {
            Some(Err(e)) => Err(format!("mediaStore {}: {e}", self.uri)),
            _ => Ok(()),
        }
    }

    /// Puts one closed chunk of part `epoch` of recording `id`.
    pub(crate) async fn put_chunk(
        &self,
        id: &str,
        (epoch, seq, closed_ms): (i64, u32, u64),
        path: &Path,
    ) -> Result<(), String> {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("webm");
        put_verified(
            self.store.as_ref(),
            &self.key(id, &chunk_name(epoch, seq, closed_ms, ext)),
            path,
        )
        .await
        .map(|_| ())
        .map_err(|e| e.to_string())
    }

    /// The chunks of recording `id` in the store, in recording order.
    async fn chunks(&self, id: &str) -> Result<Vec<(String, (i64, u64))>, String> {
        use futures_util::TryStreamExt;
        let dir = self.prefix.child(id);
        let mut names: Vec<(String, (i64, u64))> = self
            .store
            .list(Some(&dir))
            .map_ok(|m| m.location.filename().unwrap_or_default().to_string())
            .try_collect::<Vec<_>>()
            .await
            .map_err(|e| format!("listing {}: {e}", self.uri))?
            .into_iter()
            .filter_map(|n| parse_chunk(&n).map(|c| (n, c)))
            .collect();
        names.sort();
        Ok(names)
    }

    /// Copies object `key` to the local file `to` (through a temporary
    /// file, so a reader never sees half of it).
    async fn fetch(&self, key: &Key, to: &Path) -> Result<(), String> {
        use futures_util::StreamExt;
        let what = |e: &dyn std::fmt::Display| format!("fetching {key} from the media store: {e}");
        let mut stream = self
            .store
            .get(key)
            .await
            .map_err(|e| what(&e))?
            .into_stream();
        let tmp = to.with_extension("part");
        let mut file = tokio::fs::File::create(&tmp).await.map_err(|e| what(&e))?;
        while let Some(bytes) = stream.next().await {
            let bytes = bytes.map_err(|e| what(&e))?;
            tokio::io::AsyncWriteExt::write_all(&mut file, &bytes)
                .await
                .map_err(|e| what(&e))?;
        }
        tokio::io::AsyncWriteExt::flush(&mut file)
            .await
            .map_err(|e| what(&e))?;
        tokio::fs::rename(&tmp, to).await.map_err(|e| what(&e))
    }

    /// Joins every chunk of recording `id` into one file named `name`
    /// (its container from the name), puts it in the store and removes the
    /// chunks. `work` is a scratch directory of this node's.
    pub(crate) async fn join(
        &self,
        id: &str,
        name: &str,
        streams: (bool, bool),
        work: &Path,
    ) -> Result<Joined, String> {
        let chunks = self.chunks(id).await?;
        if chunks.is_empty() {
            return Err(format!(
                "no media of recording {id} reached the media store"
            ));
        }
        let dir = work.join(format!(".join-{id}"));
        let _ = tokio::fs::remove_dir_all(&dir).await;
        tokio::fs::create_dir_all(&dir)
            .await
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut local = Vec::new();
        for (chunk, at) in &chunks {
            let path = dir.join(chunk);
            self.fetch(&self.key(id, chunk), &path).await?;
            local.push((path, *at));
        }
        let out = dir.join(name);
        let (o, l) = (out.clone(), local.clone());
        let kept = tokio::task::spawn_blocking(move || join_files(&l, &o, streams))
            .await
            .map_err(|e| e.to_string())??;
        let key = self.key(id, name);
        let size = put_verified(self.store.as_ref(), &key, &out)
            .await
            .map_err(|e| e.to_string())?;
        for (chunk, _) in &chunks {
            let _ = self.store.delete(&self.key(id, chunk)).await;
        }
        let _ = tokio::fs::remove_dir_all(&dir).await;
        Ok(Joined {
            uri: remote_uri(&self.uri, &format!("{id}/{name}")),
            size,
            kept,
        })
    }

    /// The object `uri` names in this store, if it is in it.
    fn key_of(&self, uri: &str) -> Option<(Key, String)> {
        let rest = uri.strip_prefix(&format!("{}/", self.uri))?;
        let key = rest
            .split('/')
            .filter(|s| !s.is_empty())
            .fold(self.prefix.clone(), |k, part| k.child(part));
        Some((key, rest.replace('/', "-")))
    }

    /// Removes the joined file at `uri` from the store, and this node's copy
    /// of it from `cache`.
    pub(crate) async fn remove(&self, uri: &str, cache: &Path) -> Result<(), String> {
        let Some((key, local)) = self.key_of(uri) else {
            return Ok(());
        };
        let _ = tokio::fs::remove_file(cache.join(local)).await;
        match self.store.delete(&key).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(format!("removing {uri} from the media store: {e}")),
        }
    }

    /// Where this node keeps its copy of the joined file at `uri` (in
    /// `cache`), if `uri` is in this store. Nothing is fetched.
    pub(crate) fn local_path(&self, uri: &str, cache: &Path) -> Option<PathBuf> {
        self.key_of(uri).map(|(_, local)| cache.join(local))
    }

    /// Fetches the joined file at `uri` into `cache` unless this node has
    /// it already.
    pub(crate) async fn fetch_to_cache(&self, uri: &str, cache: &Path) -> Result<(), String> {
        let Some((key, local)) = self.key_of(uri) else {
            return Ok(());
        };
        let local = cache.join(local);
        if tokio::fs::metadata(&local).await.is_err() {
            tokio::fs::create_dir_all(cache)
                .await
                .map_err(|e| format!("{}: {e}", cache.display()))?;
            self.fetch(&key, &local).await?;
        }
        Ok(())
    }
}

/// The muxer for a file name's container.
fn muxer_for(name: &Path) -> &'static str {
    match name.extension().and_then(|e| e.to_str()) {
        Some("mp4") => "mp4mux",
        Some("mkv") => "matroskamux",
        _ => "webmmux",
    }
}

/// What each part kept, from its chunks' (epoch, closed ms) and durations
/// in recording order.
pub(crate) fn kept_of(chunks: &[((i64, u64), u64)]) -> Vec<Kept> {
    let mut kept: Vec<Kept> = Vec::new();
    for &((epoch, closed), ms) in chunks {
        match kept.last_mut() {
            Some(k) if k.epoch == epoch => {
                k.ms += ms;
                k.to_ms = closed;
            }
            _ => kept.push(Kept {
                epoch,
                ms,
                from_ms: closed.saturating_sub(ms),
                to_ms: closed,
            }),
        }
    }
    kept
}

/// Joins `chunks` (in order; each playable, starting at a keyframe) into
/// `out` without re-encoding: `splitmuxsrc` plays them as one stream, the
/// container's muxer writes it. Returns what each part kept.
fn join_files(
    chunks: &[(PathBuf, (i64, u64))],
    out: &Path,
    (video, audio): (bool, bool),
) -> Result<Vec<Kept>, String> {
    let mut timed = Vec::new();
    for (path, at) in chunks {
        timed.push((*at, duration_of(path)?));
    }
    let kept = kept_of(&timed);
    let fail = |e: &dyn std::fmt::Display| format!("joining the chunks: {e}");
    let pipeline = gst::Pipeline::new();
    let files: Vec<String> = chunks
        .iter()
        .map(|(p, _)| p.to_string_lossy().into_owned())
        .collect();
    let src = gst::ElementFactory::make("splitmuxsrc")
        .build()
        .map_err(|e| fail(&e))?;
    src.connect("format-location", false, move |_| Some(files.to_value()));
    let mux = gst::ElementFactory::make(muxer_for(out))
        .build()
        .map_err(|e| fail(&e))?;
    let sink = gst::ElementFactory::make("filesink")
        .property("location", out.to_string_lossy().to_string())
        .build()
        .map_err(|e| fail(&e))?;
    pipeline
        .add_many([&src, &mux, &sink])
        .map_err(|e| fail(&e))?;
    mux.link(&sink).map_err(|e| fail(&e))?;
    let mut queues = Vec::new();
    for (kind, wanted) in [("video", video), ("audio", audio)] {
        if !wanted {
            continue;
        }
        let q = gst::ElementFactory::make("queue")
            .build()
            .map_err(|e| fail(&e))?;
        pipeline.add(&q).map_err(|e| fail(&e))?;
        let pad = mux
            .request_pad_simple(&format!("{kind}_%u"))
            .ok_or_else(|| fail(&format!("the muxer has no {kind} pad")))?;
        q.static_pad("src")
            .unwrap()
            .link(&pad)
            .map_err(|e| fail(&e))?;
        queues.push((kind, q));
    }
    src.connect_pad_added(move |_, pad| {
        let name = pad.name();
        if let Some((_, q)) = queues.iter().find(|(k, _)| name.starts_with(k)) {
            let _ = pad.link(&q.static_pad("sink").unwrap());
        }
    });
    pipeline
        .set_state(gst::State::Playing)
        .map_err(|e| fail(&e))?;
    let bus = pipeline.bus().unwrap();
    let end = bus.timed_pop_filtered(
        gst::ClockTime::from_seconds(600),
        &[gst::MessageType::Eos, gst::MessageType::Error],
    );
    let _ = pipeline.set_state(gst::State::Null);
    match end.as_ref().map(|m| m.view()) {
        Some(gst::MessageView::Eos(_)) => Ok(kept),
        Some(gst::MessageView::Error(e)) => Err(fail(&e.error())),
        _ => Err(fail(&"it did not end within 10 minutes")),
    }
}

/// How long a media file plays, in ms.
fn duration_of(path: &Path) -> Result<u64, String> {
    let uri = gst::glib::filename_to_uri(path, None).map_err(|e| e.to_string())?;
    let d = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(10))
        .map_err(|e| e.to_string())?;
    let info = d
        .discover_uri(&uri)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(info.duration().map_or(0, |d| d.mseconds()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_names_sort_in_recording_order_and_say_their_part_and_time() {
        let mut names = vec![
            chunk_name(2, 0, 1_000, "webm"),
            chunk_name(1, 10, 900, "webm"),
            chunk_name(1, 2, 500, "webm"),
        ];
        names.sort();
        assert_eq!(
            names,
            [
                "000001-000002-500.webm",
                "000001-000010-900.webm",
                "000002-000000-1000.webm"
            ]
        );
        assert_eq!(parse_chunk("000002-000000-1000.webm"), Some((2, 1000)));
        assert_eq!(parse_chunk("standup-1.webm"), None);
        assert_eq!(parse_chunk("000002-00000x-1.webm"), None);
        assert_eq!(parse_chunk("000002-000000-1-2.webm"), None);
    }

    #[test]
    fn each_part_keeps_its_chunks_media_and_when_it_was_recorded() {
        let kept = kept_of(&[
            ((1, 12_000), 2_000),
            ((1, 14_000), 2_000),
            ((2, 21_000), 2_000),
            ((2, 22_500), 1_500),
        ]);
        assert_eq!(
            kept,
            [
                Kept {
                    epoch: 1,
                    ms: 4_000,
                    from_ms: 10_000,
                    to_ms: 14_000
                },
                Kept {
                    epoch: 2,
                    ms: 3_500,
                    from_ms: 19_000,
                    to_ms: 22_500
                },
            ]
        );
    }
}
