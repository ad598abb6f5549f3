package dev.bounded.flink;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;

/** A JSON message bound by databind: a Flink POJO (the body a tree, through Kryo). */
public class Msg {
  public String id;
  public BigInteger amount;
  public String note;
  public JsonNode body;

  public Msg() {}
}
