package io.hnsw4j.store.index;

import com.fasterxml.jackson.databind.JsonNode;
import io.hnsw4j.store.model.PointId;
import java.util.BitSet;

/** What the filter planner reads of a collection's points, by internal point number. */
public interface Points {

  /** The live point numbers (the caller must not change the set). */
  BitSet live();

  /** The id of a live point. */
  PointId idOf(int point);

  /** The payload of a live point (never null). */
  JsonNode payloadOf(int point);

  /** The point number of an id, or -1 if no live point has it. */
  int pointOf(PointId id);
}
