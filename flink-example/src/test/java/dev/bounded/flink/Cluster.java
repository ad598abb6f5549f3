package dev.bounded.flink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.scheduler.ExecutionGraphInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.util.MiniClusterWithClientResource;

/**
 * Flink's MiniCluster (flink-test-utils) for the forked-JVM jobs: one TaskManager with two slots, a
 * fixed-delay restart strategy of {@link #RESTARTS} attempts (so a task that fails is restarted,
 * and the count shows it), and the job's outcome measured from the archived execution graph.
 */
final class Cluster implements AutoCloseable {
  static final int RESTARTS = 3;
  static final int SLOTS = 2;

  private final MiniClusterWithClientResource resource;

  Cluster() throws Exception {
    Configuration conf = new Configuration();
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, RESTARTS);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
    resource =
        new MiniClusterWithClientResource(
            new MiniClusterResourceConfiguration.Builder()
                .setConfiguration(conf)
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(SLOTS)
                .build());
    resource.before();
  }

  StreamExecutionEnvironment env() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(SLOTS);
    return env;
  }

  /** What became of a job. */
  static final class Outcome {
    String status;
    int restarts; // the highest attempt number of any task: 0 when nothing restarted
    JobExecutionResult result;
    final List<String> failures = new ArrayList<>();
    long millis;
  }

  Outcome run(StreamExecutionEnvironment env, String name) throws Exception {
    long t0 = System.nanoTime();
    JobClient client = env.executeAsync(name);
    Outcome o = new Outcome();
    try {
      o.result = client.getJobExecutionResult().get();
    } catch (Exception e) {
      StringBuilder chain = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        chain.append(chain.length() == 0 ? "" : " <- ").append(t);
      }
      o.failures.add(
          chain.toString()); // "Recovery is suppressed by ..." once the strategy gives up
    }
    o.millis = (System.nanoTime() - t0) / 1_000_000;
    JobID id = client.getJobID();
    MiniCluster mc = resource.getMiniCluster();
    ExecutionGraphInfo info = mc.getExecutionGraphInfo(id).get();
    ArchivedExecutionGraph g = info.getArchivedExecutionGraph();
    o.status = g.getState().name();
    for (AccessExecutionVertex v : g.getAllExecutionVertices()) {
      o.restarts = Math.max(o.restarts, v.getCurrentExecutionAttempt().getAttemptNumber());
    }
    info.getExceptionHistory().forEach(x -> o.failures.add(rootCause(x.getExceptionAsString())));
    return o;
  }

  /** The innermost "Caused by" line of a stack trace, or its first line. */
  static String rootCause(String trace) {
    String root = trace.lines().findFirst().orElse("");
    for (String line : (Iterable<String>) trace.lines()::iterator) {
      if (line.startsWith("Caused by: ")) {
        root = line.substring("Caused by: ".length());
      }
    }
    return root;
  }

  @Override
  public void close() {
    resource.after();
  }
}
