package dev.bounded.core.internal;

import dev.bounded.core.LimitExceededException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Flow.Subscriber} of byte chunks (the shape of {@code HttpResponse.BodySubscriber}'s
 * input) that drives a {@link Feeder}: each module's public subscriber interface is implemented by
 * a one-line subclass (so the signals are written once, here; they are final).
 *
 * <ul>
 *   <li><b>Demand:</b> one item at a time: {@code request(1)} on subscription and after each item
 *       is parsed, never more; so at most one item is held, and a slow handler slows the source.
 *   <li><b>End:</b> {@link #result()} completes with the feeder's result on {@code onComplete}, or
 *       at once when a handler stops the parse (the subscription is then cancelled); it fails with
 *       the typed error of the input (the subscription is cancelled), the handler's exception, or
 *       the upstream's error ({@code onError}), each unchanged.
 *   <li><b>Deadline:</b> the feeder checks its deadline on every item; between items a timer on one
 *       shared daemon thread fails the parse when the deadline passes (a {@link
 *       LimitExceededException} of {@code MAX_PARSE_MILLIS}, location unknown) and cancels the
 *       subscription: a stalled source holds no thread. The timer is cancelled (and removed from
 *       the queue) when the parse ends, so finished parses are not retained until their deadline.
 *       Completion after a timeout runs on {@link CompletableFuture#defaultExecutor()}, never on
 *       the timer thread, so dependent stages cannot delay other parses' timers.
 *   <li><b>Flow rules:</b> null arguments throw {@code NullPointerException} (rule 2.13); a second
 *       {@code onSubscribe} is cancelled (2.5); nothing is done after a terminal state (2.4, 2.8);
 *       {@code request} and {@code cancel} are called serially (2.7) without blocking the timer
 *       thread: it cancels only if it can take the lock at once, else the signal thread holding it
 *       cancels on release.
 * </ul>
 *
 * @param <R> the parse's result
 */
public class FeedSubscriber<R> implements Flow.Subscriber<List<ByteBuffer>> {
  private final Feeder<R> feeder;
  private final CompletableFuture<R> result = new CompletableFuture<>();
  private final AtomicBoolean done = new AtomicBoolean();
  private final ReentrantLock calls = new ReentrantLock();
  private final ScheduledFuture<?> timer;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelWanted;
  private boolean cancelled; // guarded by calls

  /** A subscriber driving {@code feeder}; its deadline timer starts now. */
  public FeedSubscriber(Feeder<R> feeder) {
    this.feeder = Objects.requireNonNull(feeder, "feeder");
    long left = feeder.guard().nanosLeft();
    this.timer =
        left == Long.MAX_VALUE
            ? null
            : Timer.EXECUTOR.schedule(
                this::deadline, Math.max(0, left) + 1_000_000, TimeUnit.NANOSECONDS);
  }

  /** The parse's outcome: see the class comment. */
  public final CompletableFuture<R> result() {
    return result;
  }

  @Override
  public final void onSubscribe(Flow.Subscription s) {
    Objects.requireNonNull(s, "subscription");
    if (subscription != null || done.get()) {
      s.cancel(); // rule 2.5, or the parse already ended (its deadline passed before the body)
      return;
    }
    subscription = s;
    if (done.get()) {
      cancel(); // the timer fired between the check and the store
      return;
    }
    request();
  }

  @Override
  public final void onNext(List<ByteBuffer> item) {
    Objects.requireNonNull(item, "item");
    if (done.get()) {
      return;
    }
    try {
      for (ByteBuffer b : item) {
        if (!feeder.feed(b)) {
          finish(feeder.endOfInput());
          cancel();
          return;
        }
        if (done.get()) {
          return; // the deadline passed meanwhile: the timer has failed the parse
        }
      }
    } catch (Throwable e) { // rule 2.13: never throw from a signal; the result carries it
      fail(e);
      return;
    }
    request();
  }

  @Override
  public final void onError(Throwable t) {
    Objects.requireNonNull(t, "throwable");
    if (done.compareAndSet(false, true)) {
      end();
      result.completeExceptionally(t);
    }
  }

  @Override
  public final void onComplete() {
    if (done.get()) {
      return;
    }
    R r;
    try {
      r = feeder.endOfInput();
    } catch (Throwable e) {
      fail(e);
      return;
    }
    finish(r);
  }

  private void finish(R r) {
    if (done.compareAndSet(false, true)) {
      stopTimer();
      result.complete(r);
    }
  }

  private void fail(Throwable e) {
    if (done.compareAndSet(false, true)) {
      end();
      cancel();
      result.completeExceptionally(e);
    }
  }

  /** On the timer thread: fails the parse if its deadline has passed, else waits again. */
  private void deadline() {
    if (done.get()) {
      return;
    }
    LimitExceededException breach;
    try {
      feeder.guard().check();
      long left = feeder.guard().nanosLeft();
      Timer.EXECUTOR.schedule(this::deadline, Math.max(0, left) + 1_000_000, TimeUnit.NANOSECONDS);
      return; // early by a clock tick
    } catch (LimitExceededException e) {
      breach = e;
    }
    if (done.compareAndSet(false, true)) {
      cancel();
      result.defaultExecutor().execute(() -> result.completeExceptionally(breach));
    }
  }

  /** After a failure on a signal thread: the feeder is released. */
  private void end() {
    stopTimer();
    feeder.abandon();
  }

  private void stopTimer() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void request() {
    Flow.Subscription s = subscription;
    calls.lock();
    try {
      if (!cancelled && !done.get()) {
        s.request(1);
      }
    } finally {
      calls.unlock();
    }
    cancelIfWanted();
  }

  private void cancel() {
    cancelWanted = true;
    cancelIfWanted();
  }

  /** Cancels if wanted and nobody is inside request: whoever releases the lock last cancels. */
  private void cancelIfWanted() {
    if (cancelWanted && subscription != null && calls.tryLock()) {
      try {
        if (!cancelled) {
          cancelled = true;
          subscription.cancel();
        }
      } finally {
        calls.unlock();
      }
    }
  }

  /** The one deadline thread, created on first use; a daemon, so it never keeps a JVM alive. */
  private static final class Timer {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private static ScheduledThreadPoolExecutor create() {
      ScheduledThreadPoolExecutor e =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "bounded-parse-deadline");
                t.setDaemon(true);
                return t;
              });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }
}
