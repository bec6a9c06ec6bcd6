// SPDX-License-Identifier: MPL-2.0
//! Upload of a finished recording (its file, then its metadata) to object
//! storage: `s3://bucket/prefix`, `az://container/prefix` (and the other Azure
//! forms), `gs://bucket/prefix`, `file:///dir`, through `object_store`.
//!
//! Credentials come from the usual environment variables (`AWS_*`, `AZURE_*`,
//! `GOOGLE_*`, read the way each SDK names them), overridden by explicit
//! options (`aws_endpoint`, `aws_access_key_id`, `aws_allow_http`, … — the
//! `object_store` configuration keys). Files above [`MULTIPART_THRESHOLD`] go
//! up in parts. The upload is verified (the stored size is the file's) before
//! anything local is removed; on failure nothing local is touched.

use std::io::Read;
use std::path::{Path, PathBuf};

use object_store::{ObjectStore, PutPayload, WriteMultipart, path::Path as ObjectPath};

use crate::metadata;

/// Files larger than this go up in parts of this size.
pub const MULTIPART_THRESHOLD: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UploadError {
    pub message: String,
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for UploadError {}

fn err(what: &str, e: impl std::fmt::Display) -> UploadError {
    UploadError {
        message: format!("{what}: {e}"),
    }
}

/// The store's options: the environment's credentials, then `options`.
fn store_options(options: &[(String, String)]) -> Vec<(String, String)> {
    let mut opts: Vec<(String, String)> = std::env::vars()
        .filter(|(k, _)| {
            k.starts_with("AWS_") || k.starts_with("AZURE_") || k.starts_with("GOOGLE_")
        })
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect();
    opts.extend(options.iter().cloned());
    opts
}

/// Retries of a failing request: 4, within 30 s. (object_store's default,
/// 10 within 3 minutes, would hold a dead store's failure for minutes; the
/// `upload` action retries later.)
fn retry() -> object_store::RetryConfig {
    object_store::RetryConfig {
        backoff: object_store::BackoffConfig {
            init_backoff: std::time::Duration::from_millis(100),
            max_backoff: std::time::Duration::from_secs(2),
            base: 2.0,
        },
        max_retries: 4,
        retry_timeout: std::time::Duration::from_secs(30),
    }
}

/// The store and the prefix in it that `uri` names (`options` as for
/// `upload-options`, over the environment's credentials).
pub fn open_store(
    uri: &str,
    options: &[(String, String)],
) -> Result<(Box<dyn ObjectStore>, ObjectPath), UploadError> {
    use object_store::ObjectStoreScheme as S;
    let bad = |e: &dyn std::fmt::Display| err(&format!("upload-uri {uri}"), e);
    let url = url::Url::parse(uri).map_err(|e| bad(&e))?;
    let (scheme, path) = S::parse(&url).map_err(|e| bad(&e))?;
    let prefix = ObjectPath::parse(path).map_err(|e| bad(&e))?;
    let opts = store_options(options);
    macro_rules! build {
        ($builder:ty) => {{
            let b = opts.iter().fold(
                <$builder>::new().with_url(uri).with_retry(retry()),
                |b, (k, v)| match k.parse() {
                    Ok(k) => b.with_config(k, v),
                    Err(_) => b,
                },
            );
            Box::new(b.build().map_err(|e| bad(&e))?) as Box<dyn ObjectStore>
        }};
    }
    let store = match scheme {
        S::AmazonS3 => build!(object_store::aws::AmazonS3Builder),
        S::MicrosoftAzure => build!(object_store::azure::MicrosoftAzureBuilder),
        S::GoogleCloudStorage => build!(object_store::gcp::GoogleCloudStorageBuilder),
        S::Local => Box::new(object_store::local::LocalFileSystem::new()),
        other => {
            return Err(bad(&format!(
                "{other:?} is not a supported store (s3, az, gs, file)"
            )));
        }
    };
    Ok((store, prefix))
}

/// Where the object for `name` goes under `uri`: `uri` with `/name` added.
pub fn remote_uri(uri: &str, name: &str) -> String {
    format!("{}/{name}", uri.trim_end_matches('/'))
}

/// Uploads the recording whose metadata is `metadata_path` (`<file>.json`) to
/// `uri`: the media file (every part of a split recording, each beside the
/// first), verified by size, then the metadata with its `remoteUri` (the
/// first part's) set (also written back locally). With `keep_local` false
/// the local media files are removed after the verified upload (the local
/// metadata stays, naming where the file went). Returns the updated metadata.
pub fn upload_recording(
    metadata_path: &Path,
    uri: &str,
    options: &[(String, String)],
    keep_local: bool,
) -> Result<metadata::Recording, UploadError> {
    let mut meta = metadata::Recording::read(metadata_path)
        .map_err(|e| err(&format!("reading {}", metadata_path.display()), e))?;
    if meta.status != metadata::Status::Stopped {
        return Err(err(
            &format!("recording {}", meta.id),
            format!("is {:?}, not finished: nothing to upload", meta.status),
        ));
    }
    let media = PathBuf::from(&meta.file.path);
    let name = media
        .file_name()
        .ok_or_else(|| err("recording file", "has no name"))?
        .to_string_lossy()
        .to_string();
    let files: Vec<PathBuf> = if meta.file.parts.is_empty() {
        vec![media.clone()]
    } else {
        meta.file
            .parts
            .iter()
            .map(|p| media.with_file_name(p))
            .collect()
    };
    let (store, prefix) = open_store(uri, options)?;
    let json_key = prefix.child(format!("{name}.json"));
    meta.remote_uri = Some(remote_uri(uri, &name));

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| err("starting the upload runtime", e))?;
    rt.block_on(async {
        for file in &files {
            let part = file
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().to_string());
            let key = prefix.child(part.as_str());
            put_verified(store.as_ref(), &key, file).await?;
        }
        let json = serde_json::to_vec_pretty(&meta).map_err(|e| err("metadata", e))?;
        store
            .put(&json_key, PutPayload::from(json))
            .await
            .map_err(|e| err("uploading the metadata", e))?;
        Ok(())
    })?;
    meta.write()
        .map_err(|e| err(&format!("writing {}", metadata_path.display()), e))?;
    if !keep_local {
        for file in &files {
            std::fs::remove_file(file)
                .map_err(|e| err(&format!("removing {} after upload", file.display()), e))?;
        }
    }
    Ok(meta)
}

/// Puts a file and checks that the store holds all of it (its size).
/// Returns the size.
pub async fn put_verified(
    store: &dyn ObjectStore,
    key: &ObjectPath,
    path: &Path,
) -> Result<u64, UploadError> {
    let size = put_file(store, key, path).await?;
    let stored = store
        .head(key)
        .await
        .map_err(|e| err(&format!("checking {key}"), e))?;
    if stored.size != size {
        return Err(err(
            &format!("verifying the upload of {key}"),
            format!("{} bytes stored for {size} local", stored.size),
        ));
    }
    Ok(size)
}

/// Puts a file: in one request, or in parts above the threshold. Returns its
/// size.
async fn put_file(
    store: &dyn ObjectStore,
    key: &ObjectPath,
    path: &Path,
) -> Result<u64, UploadError> {
    let what = format!("uploading {}", path.display());
    let mut file = std::fs::File::open(path).map_err(|e| err(&what, e))?;
    let size = file.metadata().map_err(|e| err(&what, e))?.len();
    if size as usize <= MULTIPART_THRESHOLD {
        let mut bytes = Vec::with_capacity(size as usize);
        file.read_to_end(&mut bytes).map_err(|e| err(&what, e))?;
        store
            .put(key, PutPayload::from(bytes))
            .await
            .map_err(|e| err(&what, e))?;
        return Ok(size);
    }
    let upload = store.put_multipart(key).await.map_err(|e| err(&what, e))?;
    let mut writer = WriteMultipart::new_with_chunk_size(upload, MULTIPART_THRESHOLD);
    let mut buf = vec![0u8; MULTIPART_THRESHOLD];
    loop {
        let n = file.read(&mut buf).map_err(|e| err(&what, e))?;
        if n == 0 {
            break;
        }
        // At most two parts in flight: memory stays bounded.
        writer
            .wait_for_capacity(2)
            .await
            .map_err(|e| err(&what, e))?;
        writer.write(&buf[..n]);
    }
    writer.finish().await.map_err(|e| err(&what, e))?;
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_names_join_with_one_slash() {
        assert_eq!(
            remote_uri("s3://b/meetings/", "r.webm"),
            "s3://b/meetings/r.webm"
        );
        assert_eq!(remote_uri("s3://b", "r.webm"), "s3://b/r.webm");
    }

    #[test]
    fn to_a_local_directory_and_back() {
        let dir = std::env::temp_dir().join(format!("meetrec-upload-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (src, dst) = (dir.join("src"), dir.join("dst"));
        std::fs::create_dir_all(&src).unwrap();
        std::fs::create_dir_all(&dst).unwrap();
        let media = src.join("r.webm");
        // Above the threshold: the multipart path.
        let bytes: Vec<u8> = (0..MULTIPART_THRESHOLD + 12345)
            .map(|i| (i % 251) as u8)
            .collect();
        std::fs::write(&media, &bytes).unwrap();
        let mut rec: metadata::Recording =
            serde_json::from_str(include_str!("../../tests/data/recording.json")).unwrap();
        rec.file.path = media.to_string_lossy().into();
        rec.write().unwrap();
        let uri = format!("file://{}", dst.display());

        let meta = upload_recording(&metadata::path_for(&media), &uri, &[], false).unwrap();
        assert_eq!(meta.remote_uri, Some(format!("{uri}/r.webm")));
        assert_eq!(std::fs::read(dst.join("r.webm")).unwrap(), bytes);
        let remote_meta = metadata::Recording::read(&dst.join("r.webm.json")).unwrap();
        assert_eq!(remote_meta.remote_uri, meta.remote_uri);
        assert!(!media.exists(), "keep-local=false removes the local file");
        assert_eq!(
            metadata::Recording::read(&media).unwrap().remote_uri,
            meta.remote_uri,
            "the local metadata says where it went"
        );
        // A recording not finished is refused.
        rec.status = metadata::Status::Recording;
        rec.write().unwrap();
        let e = upload_recording(&metadata::path_for(&media), &uri, &[], true).unwrap_err();
        assert!(e.message.contains("not finished"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
