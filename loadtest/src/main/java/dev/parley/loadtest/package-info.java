/**
 * The load generator, {@code java -jar chat-loadtest.jar}: simulated chat users against Parley gateways.
 *
 * <p>{@link dev.parley.loadtest.Main} parses the command line ({@code OptionParser}, {@code HelpText}) and runs a
 * {@code LoadRun} in this process or a {@code ProcessFanOut} over child JVMs. A run's {@code SimulatedUser}s live on
 * Vert.x event loops and send on open-loop schedules; {@code RunStats} collects counters and HdrHistogram
 * recorders, the {@code Sampler} prints progress, and {@code RunResult} (merged across processes through
 * {@code ResultJson}) feeds the {@code SummaryTable}, the JSON file and the {@code HtmlReport}.
 */
package dev.parley.loadtest;
