/**
 * Who is asking, and from where: signed session cookies ({@link dev.parley.gateway.auth.SessionTokens}), the user of
 * a handshake or request ({@link dev.parley.gateway.auth.Identity}), passwords, the sign-in throttle, guests'
 * display names, and the Origin and Host rules.
 */
package dev.parley.gateway.auth;
