//! The fake's REST API the way the bot reaches Discord without a proxy: `https://discord.com`,
//! with serenity's own rate limiter on. The client is handed an HTTP CONNECT proxy (reqwest's
//! `Proxy::https`, which only moves the TCP connection here) and trusts the certificate made for
//! `discord.com` at start; everything above TCP is what the real API sees: TLS, the host name,
//! serenity's URLs, its rate-limit bookkeeping.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ServerConfig};
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

use super::Shared;

/// Where the bot's default path goes: Discord's API host, on the HTTPS port.
pub const DISCORD_HOST: &str = "discord.com:443";

/// A certificate for `discord.com` (self-signed, made at start) and the TLS server using it.
pub(crate) struct Tls {
    pub cert_pem: String,
    pub acceptor: TlsAcceptor,
}

impl Tls {
    pub fn new() -> Tls {
        let made = rcgen::generate_simple_self_signed(vec!["discord.com".to_string()])
            .expect("a certificate for discord.com");
        let cert: CertificateDer<'static> = made.cert.der().clone();
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut config = ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .expect("TLS versions")
            .with_no_client_auth()
            .with_single_cert(vec![cert], key)
            .expect("a TLS server config");
        config.alpn_protocols = vec![b"http/1.1".to_vec()];
        Tls {
            cert_pem: made.cert.pem(),
            acceptor: TlsAcceptor::from(Arc::new(config)),
        }
    }
}

/// Accepts CONNECT tunnels on `listener`, checks that they are for Discord's API host, completes
/// TLS inside them and hands each stream to the REST server through `tx`.
pub(crate) async fn accept_tunnels(
    shared: Arc<Shared>,
    listener: TcpListener,
    acceptor: TlsAcceptor,
    tx: mpsc::UnboundedSender<(TlsStream<TcpStream>, SocketAddr)>,
) {
    loop {
        let Ok((tcp, peer)) = listener.accept().await else {
            continue;
        };
        let (shared, acceptor, tx) = (shared.clone(), acceptor.clone(), tx.clone());
        tokio::spawn(async move {
            if let Some(tls) = open_tunnel(&shared, tcp, &acceptor).await {
                let _ = tx.send((tls, peer));
            }
        });
    }
}

async fn open_tunnel(
    shared: &Shared,
    mut tcp: TcpStream,
    acceptor: &TlsAcceptor,
) -> Option<TlsStream<TcpStream>> {
    // The CONNECT request: a request line and headers, no body.
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 8192 || tcp.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let target = head
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("CONNECT "))
        .and_then(|l| l.split(' ').next())
        .unwrap_or_default()
        .to_string();
    if target != DISCORD_HOST {
        shared.lock().violations.push(format!(
            "HTTPS: a tunnel to {target:?}; the bot's requests should all go to {DISCORD_HOST}"
        ));
        shared.bump();
        let _ = tcp.write_all(b"HTTP/1.1 403 Forbidden\r\n\r\n").await;
        return None;
    }
    tcp.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
        .await
        .ok()?;
    acceptor.accept(tcp).await.ok()
}

/// The TLS streams out of the tunnels, as a listener axum serves.
pub(crate) struct TunnelListener {
    pub rx: mpsc::UnboundedReceiver<(TlsStream<TcpStream>, SocketAddr)>,
    pub addr: SocketAddr,
}

impl axum::serve::Listener for TunnelListener {
    type Io = TlsStream<TcpStream>;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        match self.rx.recv().await {
            Some(conn) => conn,
            // The accept loop ended with the fake: nothing more will come.
            None => std::future::pending().await,
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        Ok(self.addr)
    }
}
