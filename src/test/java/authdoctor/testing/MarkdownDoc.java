package authdoctor.testing;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Code;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;

/** A Markdown report read as GitHub renders it (CommonMark with tables): its nodes, text and table rows. */
public final class MarkdownDoc {
  private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

  private MarkdownDoc() {}

  public static Node parse(String markdown) {
    return PARSER.parse(markdown);
  }

  /** The body rows of a table, each as its cells' text. */
  public static List<List<String>> rows(TableBlock table) {
    List<List<String>> rows = new ArrayList<>();
    for (Node part = table.getFirstChild(); part != null; part = part.getNext()) {
      if (!(part instanceof TableBody)) continue;
      for (Node row = part.getFirstChild(); row != null; row = row.getNext()) {
        List<String> cells = new ArrayList<>();
        for (Node c = row.getFirstChild(); c != null; c = c.getNext()) {
          if (c instanceof TableCell) cells.add(text(c).strip());
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  /** The text a reader sees: literal text and code spans, a newline after each paragraph. */
  public static String text(Node n) {
    StringBuilder sb = new StringBuilder();
    if (n instanceof Text t) sb.append(t.getLiteral());
    if (n instanceof Code c) sb.append(c.getLiteral());
    for (Node c = n.getFirstChild(); c != null; c = c.getNext()) sb.append(text(c));
    if (n instanceof Paragraph) sb.append('\n');
    return sb.toString();
  }

  /** Every node of a type, in document order. */
  public static <T extends Node> List<T> all(Node n, Class<T> type) {
    List<T> out = new ArrayList<>();
    if (type.isInstance(n)) out.add(type.cast(n));
    for (Node c = n.getFirstChild(); c != null; c = c.getNext()) out.addAll(all(c, type));
    return out;
  }
}
