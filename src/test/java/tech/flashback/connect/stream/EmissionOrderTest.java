package tech.flashback.connect.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmissionOrderTest {

  /** A row ordered by its key alone; the copy tells which of equal rows was kept. */
  private record Row(int key, String copy) implements Comparable<Row> {
    @Override
    public int compareTo(Row other) {
      return Integer.compare(key, other.key);
    }
  }

  @Test
  void rowsAlreadyInOrderAreTakenAsTheyAre() {
    List<Row> rows = new ArrayList<>(List.of(new Row(1, "a"), new Row(2, "a"), new Row(3, "a")));

    assertThat(EmissionOrder.sortedUnique(rows)).isSameAs(rows).hasSize(3);
  }

  @Test
  void rowsOutOfOrderAreSortedAndEachKeptOnceAsFirstReceived() {
    List<Row> rows =
        new ArrayList<>(
            List.of(
                new Row(3, "first"),
                new Row(1, "first"),
                new Row(3, "second"),
                new Row(2, "first"),
                new Row(1, "second")));

    assertThat(EmissionOrder.sortedUnique(rows))
        .containsExactly(new Row(1, "first"), new Row(2, "first"), new Row(3, "first"));
  }

  @Test
  void aCopyRightAfterItsRowIsDroppedEvenWhenTheRestIsInOrder() {
    List<Row> rows = new ArrayList<>(List.of(new Row(1, "first"), new Row(1, "second")));

    assertThat(EmissionOrder.sortedUnique(rows)).containsExactly(new Row(1, "first"));
  }

  @Test
  void noRowsOrOneRowNeedNothing() {
    assertThat(EmissionOrder.sortedUnique(new ArrayList<Row>())).isEmpty();
    assertThat(EmissionOrder.sortedUnique(new ArrayList<>(List.of(new Row(1, "a")))))
        .containsExactly(new Row(1, "a"));
  }
}
