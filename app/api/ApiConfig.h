#pragma once

#include <QtGlobal>

namespace flowlet::api {

// How the local API serves: where, how much, how fast. Defaults suit a workstation; tests shrink
// the limits and timeouts to reach them quickly.
struct ApiConfig
{
    quint16 port = 8765;       // 0: any free port (tests)
    bool development = false;  // error envelopes carry "details"
    int workerThreads = 4;     // database work; each thread holds one connection

    // Token bucket per API key: `ratePerSecond` refill, up to `burst` requests at once.
    int ratePerSecond = 20;
    int burst = 60;

    qint64 maxJsonBytes = 1LL << 20;    // bodies of JSON endpoints
    qint64 maxUploadBytes = 32LL << 20; // statement uploads
    int maxHeaderBytes = 16 * 1024;
    int maxConnections = 128;

    int requestTimeoutMs = 30'000; // a request must arrive whole within this, from its first byte
    int idleTimeoutMs = 120'000;   // a kept-alive connection without requests is closed after this
    int importTokenMinutes = 30;   // an upload preview can be committed within this

    // Where request statistics are written. The window's API writes them through its signed-in
    // session. `flowlet serve` through a workstation's role has nobody signed in, and the server
    // takes monitoring data only from a bound session: there a worker writes them after a
    // request, while its connection is bound to the request's API key.
    bool statisticsThroughKeys = false;
    int statisticsIntervalMs = 15'000; // how often they are written
};

} // namespace flowlet::api
