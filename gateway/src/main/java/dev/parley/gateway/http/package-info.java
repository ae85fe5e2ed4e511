/**
 * Plain HTTP, inside the server: path templates, plain-text answers, security headers, request framing
 * ({@link dev.parley.gateway.http.TransferCodings}), and the watch on each new connection
 * ({@link dev.parley.gateway.http.HttpConnectionGuard}: request time-outs and the per-address cap, counted by
 * {@link dev.parley.gateway.http.ConnectionCaps} over {@link dev.parley.gateway.http.AddressBlock}s).
 */
package dev.parley.gateway.http;
