//! Accepting connections and serving them with hyper's HTTP/1.1, as `axum::serve` does, plus what a
//! public server needs against slow clients: a client gets [`HEADER_READ`] to send a
//! request's headers (then the connection is closed), and every connection gets
//! `TCP_NODELAY`. On shutdown it stops accepting, lets requests in flight finish, closes
//! idle connections and returns.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long a client may take to send the headers of a request; on a kept-alive connection
/// the time runs from the end of the previous response, so a connection that stays idle
/// this long is closed too (a reverse proxy must keep idle connections to the app for less
/// time; see `deploy/Caddyfile`). A phone on a poor connection sends a few hundred bytes of
/// headers in well under a second; a client holding connections open by trickling headers
/// is cut off.
pub const HEADER_READ: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` resolves, then waits for the requests in
/// flight. The client address reaches handlers as [`ConnectInfo`].
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Small responses go out at once: without TCP_NODELAY, Nagle's algorithm and
        // delayed ACKs hold every asset back by tens of milliseconds.
        if let Err(error) = stream.set_nodelay(true) {
            tracing::warn!(%error, "TCP_NODELAY not set");
        }
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request| {
            request.extensions_mut().insert(ConnectInfo(peer));
            app.clone().oneshot(request)
        });
        let connection = builder.serve_connection(TokioIo::new(stream), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away mid-request is not the server's error.
            let _ = connection.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}
