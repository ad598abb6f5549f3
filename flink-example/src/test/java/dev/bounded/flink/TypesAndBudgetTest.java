package dev.bounded.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bounded.core.ParseBudget;
import java.math.BigInteger;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class TypesAndBudgetTest {
  static <T> T roundTrip(TypeInformation<T> type, T value) throws Exception {
    TypeSerializer<T> s = type.createSerializer(new SerializerConfigImpl());
    DataOutputSerializer out = new DataOutputSerializer(256);
    s.serialize(value, out);
    return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void recordsAndErrorRecordsTravelThroughFlinksPojoSerializer() throws Exception {
    TypeInformation<Parsed<FeedEntry>> t = FeedFileFormat.defaults().getProducedType();
    assertTrue(t instanceof PojoTypeInfo, t.toString());
    assertTrue(TypeInformation.of(ParseError.class) instanceof PojoTypeInfo);
    FeedEntry e = new FeedEntry();
    e.setFile("f");
    e.setIndex(7);
    e.setTitle("t");
    assertEquals(Parsed.value(e), roundTrip(t, Parsed.value(e)));
    ParseError err = new ParseError();
    err.setKind("MAX_DEPTH");
    err.setSource("f");
    err.setRecordsBefore(3);
    assertEquals(Parsed.error(err), roundTrip(t, Parsed.<FeedEntry>error(err)));
  }

  @Test
  void aJsonTreeInsideAPojoTravelsThroughKryo() throws Exception {
    Msg m = new Msg();
    m.id = "a";
    m.amount = BigInteger.TEN;
    m.body = new ObjectMapper().readTree("{\"k\":[1,true,null,{\"s\":\"v\"}]}");
    Parsed<Msg> back = roundTrip(Parsed.typeOf(TypeInformation.of(Msg.class)), Parsed.value(m));
    assertEquals(m.body, back.getValue().body);
    assertEquals(BigInteger.TEN, back.getValue().amount);
  }

  @Test
  void theBudgetIsAQuarterOfTheHeapUnlessSetAndOnePerJvm() {
    ParseBudget d = TaskManagerBudget.create(null, null);
    assertEquals(Runtime.getRuntime().maxMemory() / TaskManagerBudget.HEAP_DIVISOR, d.capacity());
    assertEquals(Duration.ofMillis(TaskManagerBudget.DEFAULT_MAX_WAIT_MILLIS), d.maxWait());
    ParseBudget set = TaskManagerBudget.create("512m", "250");
    assertEquals(512L << 20, set.capacity());
    assertEquals(Duration.ofMillis(250), set.maxWait());
    assertEquals(1024, TaskManagerBudget.parseSize("1024"));
    assertEquals(64L << 10, TaskManagerBudget.parseSize("64K"));
    assertEquals(2L << 30, TaskManagerBudget.parseSize(" 2g "));
    assertThrows(IllegalArgumentException.class, () -> TaskManagerBudget.parseSize("-1"));
    assertThrows(IllegalArgumentException.class, () -> TaskManagerBudget.parseSize("9999999999g"));
    assertSame(TaskManagerBudget.get(), TaskManagerBudget.get());
  }
}
