//! PostgreSQL over TLS, as libpq does it: `sslmode` disable / prefer / require /
//! verify-ca / verify-full and `sslrootcert`, with rustls (the S3 side's TLS stack: no
//! OpenSSL at run time). Roots are the system's CAs plus the certificates of
//! `sslrootcert`; as in libpq, `require` with an `sslrootcert` verifies the chain like
//! `verify-ca`, and without one encrypts without checking who answers.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_postgres::tls::{ChannelBinding, MakeTlsConnect, TlsConnect, TlsStream};

use crate::error::Error;

pub use crate::values::pg::SslMode;

/// What pfp does about TLS itself (tokio-postgres knows only disable, prefer and require,
/// and nothing of root certificates).
#[derive(Clone, Debug)]
pub struct TlsParams {
    pub mode: SslMode,
    pub root_cert: Option<PathBuf>,
}

/// The rustls side of a connection: made once per connection attempt.
#[derive(Clone)]
pub struct RustlsConnect {
    config: Arc<rustls::ClientConfig>,
    /// Set once a handshake succeeded: `prefer` may have ended up plain.
    used: Arc<AtomicBool>,
}

impl RustlsConnect {
    pub fn new(params: &TlsParams) -> Result<RustlsConnect, Error> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| Error::config(format!("TLS for PostgreSQL: {e}")))?;
        let verify_chain = matches!(params.mode, SslMode::VerifyCa | SslMode::VerifyFull)
            || (params.mode == SslMode::Require && params.root_cert.is_some());
        let chain = if verify_chain {
            let roots = Arc::new(roots(params.root_cert.as_deref())?);
            let webpki = rustls::client::WebPkiServerVerifier::builder_with_provider(
                roots,
                Arc::clone(&provider),
            )
            .build()
            .map_err(|e| Error::config(format!("TLS for PostgreSQL: {e}")))?;
            Some(webpki)
        } else {
            None
        };
        let verifier = Verifier {
            chain,
            check_name: params.mode == SslMode::VerifyFull,
            provider,
        };
        let config = builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(verifier))
            .with_no_client_auth();
        Ok(RustlsConnect {
            config: Arc::new(config),
            used: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Whether the connection made with this connector is encrypted.
    pub fn used(&self) -> bool {
        self.used.load(Ordering::SeqCst)
    }
}

/// The system's CAs plus the certificates of `extra` (PEM).
fn roots(extra: Option<&Path>) -> Result<rustls::RootCertStore, Error> {
    let mut store = rustls::RootCertStore::empty();
    let system = rustls_native_certs::load_native_certs();
    store.add_parsable_certificates(system.certs);
    if let Some(path) = extra {
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .and_then(|it| it.collect::<Result<_, _>>())
            .map_err(|e| {
                Error::config(format!(
                    "sslrootcert '{}': cannot read PEM certificates: {e}",
                    path.display()
                ))
            })?;
        if certs.is_empty() {
            return Err(Error::config(format!(
                "sslrootcert '{}' holds no PEM certificate",
                path.display()
            )));
        }
        for cert in certs {
            store.add(cert).map_err(|e| {
                Error::config(format!(
                    "sslrootcert '{}': not a usable CA certificate: {e}",
                    path.display()
                ))
            })?;
        }
    }
    Ok(store)
}

/// What libpq checks of the server's certificate for a mode: the chain (verify-ca,
/// verify-full, require with a root certificate), its name too (verify-full), or
/// nothing (prefer, require without a root: encrypted, whoever answers). The handshake's
/// signatures are always checked.
#[derive(Debug)]
struct Verifier {
    chain: Option<Arc<rustls::client::WebPkiServerVerifier>>,
    check_name: bool,
    provider: Arc<rustls::crypto::CryptoProvider>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let Some(chain) = &self.chain else {
            return Ok(ServerCertVerified::assertion());
        };
        match chain.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
            Err(rustls::Error::InvalidCertificate(
                rustls::CertificateError::NotValidForName
                | rustls::CertificateError::NotValidForNameContext { .. },
            )) if !self.check_name => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls12_signature(message, cert, dss, algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let algorithms = &self.provider.signature_verification_algorithms;
        rustls::crypto::verify_tls13_signature(message, cert, dss, algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

impl<S> MakeTlsConnect<S> for RustlsConnect
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = RustlsStream<S>;
    type TlsConnect = RustlsConnector;
    type Error = rustls::pki_types::InvalidDnsNameError;

    /// `domain` is empty for a Unix socket, where TLS is never used (pfp connects to one
    /// with sslmode=disable, as libpq does); a connector is still asked for.
    fn make_tls_connect(&mut self, domain: &str) -> Result<RustlsConnector, Self::Error> {
        Ok(RustlsConnector {
            config: Arc::clone(&self.config),
            name: match domain {
                "" => None,
                _ => Some(ServerName::try_from(domain.to_owned())?),
            },
            used: Arc::clone(&self.used),
        })
    }
}

pub struct RustlsConnector {
    config: Arc<rustls::ClientConfig>,
    /// None for a Unix socket.
    name: Option<ServerName<'static>>,
    used: Arc<AtomicBool>,
}

impl<S> TlsConnect<S> for RustlsConnector
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    type Stream = RustlsStream<S>;
    type Error = io::Error;
    type Future = Pin<Box<dyn Future<Output = io::Result<RustlsStream<S>>> + Send>>;

    fn connect(self, stream: S) -> Self::Future {
        Box::pin(async move {
            let name = self.name.ok_or_else(|| {
                io::Error::new(io::ErrorKind::InvalidInput, "no host name to verify")
            })?;
            let stream = tokio_rustls::TlsConnector::from(self.config)
                .connect(name, stream)
                .await?;
            self.used.store(true, Ordering::SeqCst);
            Ok(RustlsStream(stream))
        })
    }
}

pub struct RustlsStream<S>(tokio_rustls::client::TlsStream<S>);

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for RustlsStream<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_read(cx, buf)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncWrite for RustlsStream<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.0).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.0).poll_shutdown(cx)
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> TlsStream for RustlsStream<S> {
    fn channel_binding(&self) -> ChannelBinding {
        ChannelBinding::none()
    }
}
