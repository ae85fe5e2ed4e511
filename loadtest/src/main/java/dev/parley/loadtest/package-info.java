/**
 * The load generator, {@code java -jar chat-loadtest.jar}: simulated chat users against Parley gateways.
 *
 * <p>{@link dev.parley.loadtest.Main} parses the command line ({@code OptionParser}, {@code HelpText}) and runs a
 * {@code LoadRun} in this process or a {@code ProcessFanOut} over child JVMs, or serves as the bare broadcaster
 * ({@code BaselineServer}). A run's {@code SimulatedUser}s live on Vert.x event loops ({@code GeneratorLoop}: a
 * {@code SendSchedule}, a {@code FrameScanner} and {@code LoopStats} each) and send through an {@code Outbox} on
 * open-loop schedules; {@code RunStats} adds up the loops' counters and HdrHistogram recorders, the
 * {@code Sampler} prints progress, and {@code RunResult} (merged across processes through {@code ResultJson})
 * feeds the {@code SummaryTable}, the JSON file and the {@code HtmlReport}.
 */
package dev.parley.loadtest;
