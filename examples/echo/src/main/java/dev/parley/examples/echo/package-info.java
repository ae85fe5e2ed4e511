/**
 * The smallest Parley application: {@link dev.parley.examples.echo.EchoConsumer} on one route
 * ({@link dev.parley.examples.echo.Main#ECHO}), behind the default middleware.
 */
package dev.parley.examples.echo;
