/**
 * Bounded core: the shared vocabulary of every bounded parser, {@link dev.bounded.core.Limit}, the
 * typed {@link dev.bounded.core.BoundedParseException} family, byte-, character- and
 * decompression-limited input, and the process-wide {@link dev.bounded.core.ParseBudget}.
 *
 * <p>{@code dev.bounded.core.internal} (the per-parse deadline and allocation guard, the bounded
 * inflater) is exported only to the Bounded modules that run them.
 */
module dev.bounded.core {
  // ParseBudget.registerMBean returns javax.management.ObjectName: part of our public API.
  requires transitive java.management;
  // ParseGuard reads com.sun.management.ThreadMXBean for the allocation cap. Not "static": then
  // jdk.management is present only when something else resolves it (on a full JDK, service
  // binding from java.management happens to; a jlink image made without --bind-services, or
  // --limit-modules, does not), the guard's LinkageError catch reports "no allocation counter",
  // and every finite maxAllocatedBytes fails with UnsupportedOperationException even on HotSpot.
  requires jdk.management;
  requires org.apache.commons.io;

  exports dev.bounded.core;
  // dev.bounded.rss runs the deadline and allocation cap inside decompression
  // (InflatingInputStream) before the XML parse starts its own guard.
  exports dev.bounded.core.internal to
      dev.bounded.xml,
      dev.bounded.json,
      dev.bounded.rss;
}
