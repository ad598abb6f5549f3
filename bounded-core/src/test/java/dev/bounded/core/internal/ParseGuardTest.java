package dev.bounded.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bounded.core.Limit;
import dev.bounded.core.LimitExceededException;
import org.junit.jupiter.api.Test;

class ParseGuardTest {

  @Test
  void unlimitedGuardIsTheFreeNoOp() throws Exception {
    ParseGuard g = ParseGuard.start(Long.MAX_VALUE, Long.MAX_VALUE, "XmlLimits");
    assertSame(ParseGuard.NONE, g);
    for (int i = 0; i < 1000; i++) {
      g.tick();
    }
  }

  @Test
  void aParsePastItsDeadlineFailsOnTheNextCheck() throws Exception {
    ParseGuard g = ParseGuard.start(50, Long.MAX_VALUE, "XmlLimits");
    g.check();
    Thread.sleep(80);
    LimitExceededException e = assertThrows(LimitExceededException.class, g::check);
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertEquals(50, e.maximum());
    assertTrue(e.actual() >= 50);
    assertTrue(e.getMessage().startsWith("Parse time ("), e.getMessage());
    assertTrue(e.getMessage().contains("from XmlLimits.maxParseMillis"), e.getMessage());
  }

  @Test
  void ticksCheckOnlyEverySoManyEvents() throws Exception {
    ParseGuard g = ParseGuard.start(0, Long.MAX_VALUE, "JsonLimits");
    Thread.sleep(2);
    for (int i = 1; i < ParseGuard.EVENTS_PER_CHECK; i++) {
      g.tick();
    }
    assertThrows(LimitExceededException.class, g::tick);
  }

  @Test
  void allocatingPastTheCapFailsAndUnderItPasses() throws Exception {
    ParseGuard under = ParseGuard.start(Long.MAX_VALUE, 64L << 20, "XmlLimits");
    byte[][] keep = new byte[16][];
    for (int i = 0; i < 16; i++) {
      keep[i] = new byte[1 << 20];
    }
    under.check();

    ParseGuard over = ParseGuard.start(Long.MAX_VALUE, 1L << 20, "XmlLimits");
    for (int i = 0; i < 16; i++) {
      keep[i] = new byte[1 << 20];
    }
    LimitExceededException e = assertThrows(LimitExceededException.class, over::check);
    assertEquals(Limit.MAX_ALLOCATED_BYTES, e.limit());
    assertTrue(e.actual() > 16L << 20, "allocated " + e.actual());
    assertEquals(16, keep.length);
  }

  @Test
  void aGuardStartedAtTheFirstReadCountsTimeFromItsFirstCheckNotItsCreation() throws Exception {
    ParseGuard g = ParseGuard.startAtFirstRead(50, Long.MAX_VALUE, "XmlLimits");
    Thread.sleep(80); // set-up before the first read: not the parse's time
    assertEquals(Long.MAX_VALUE, g.nanosLeft()); // not started: no deadline yet
    g.check(); // the first read starts the clock
    g.check();
    Thread.sleep(80);
    LimitExceededException e = assertThrows(LimitExceededException.class, g::check);
    assertEquals(Limit.MAX_PARSE_MILLIS, e.limit());
    assertTrue(e.actual() >= 50 && e.actual() < 80 + 1000, "actual " + e.actual());
  }

  @Test
  void aGuardStartedAtTheFirstReadTakesItsAllocationBaselineThere() throws Exception {
    ParseGuard g = ParseGuard.startAtFirstRead(Long.MAX_VALUE, 8L << 20, "XmlLimits");
    byte[][] keep = new byte[16][];
    for (int i = 0; i < 16; i++) {
      keep[i] = new byte[1 << 20]; // before the first read: not counted
    }
    g.check();
    g.check();
    for (int i = 0; i < 16; i++) {
      keep[i] = new byte[1 << 20];
    }
    assertThrows(LimitExceededException.class, g::check);
    assertEquals(16, keep.length);
  }

  @Test
  void onlyAByteArrayInputStreamItselfCannotBlock() {
    byte[] b = {1, 2, 3};
    assertTrue(ParseGuard.cannotBlock(new java.io.ByteArrayInputStream(b)));
    assertFalse(
        ParseGuard.cannotBlock(new java.io.ByteArrayInputStream(b) {})); // may override read
    assertFalse(
        ParseGuard.cannotBlock(
            new java.io.FilterInputStream(new java.io.ByteArrayInputStream(b)) {}));
    assertFalse(ParseGuard.cannotBlock(null));
  }

  @Test
  void checkingAtTheFirstEventStartsTheClockThere() throws Exception {
    ParseGuard late = ParseGuard.startAtFirstRead(60_000, Long.MAX_VALUE, "XmlLimits");
    late.tick();
    assertEquals(Long.MAX_VALUE, late.nanosLeft()); // not started: the first check is event 16
    ParseGuard first = ParseGuard.startAtFirstRead(60_000, Long.MAX_VALUE, "XmlLimits");
    first.checkAtFirstEvent();
    assertEquals(Long.MAX_VALUE, first.nanosLeft());
    first.tick();
    assertTrue(first.nanosLeft() <= 60_000_000_000L, "started at the first event");
    ParseGuard.NONE.checkAtFirstEvent(); // the shared no-op guard is left as it is
    assertEquals(Long.MAX_VALUE, ParseGuard.NONE.nanosLeft());
  }

  @Test
  void thisJvmHasTheAllocationCounter() {
    assertTrue(ParseGuard.allocationCounterAvailable());
  }
}
