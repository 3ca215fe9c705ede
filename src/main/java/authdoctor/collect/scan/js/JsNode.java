package authdoctor.collect.scan.js;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** An expression of JavaScript as far as the reader models it; each node spans source offsets and starts on a line. */
public sealed interface JsNode {
  int line();

  int start();

  int end();

  /** A string, number, boolean, {@code null} or {@code undefined}. */
  record Lit(Kind kind, String text, int line, int start, int end) implements JsNode {
    /** What literal it is. */
    public enum Kind { STRING, NUMBER, BOOL, NULL, UNDEFINED }
  }

  /** A template literal (its raw content). */
  record Template(String raw, int line, int start, int end) implements JsNode {}

  record Ident(String name, int line, int start, int end) implements JsNode {}

  /** {@code object.name}, or {@code object[key]} when {@code key} is not null. */
  record Member(JsNode object, String name, @Nullable JsNode key, int line, int start, int end) implements JsNode {}

  /** A call, or {@code new callee(args)}. */
  record Call(JsNode callee, List<JsNode> args, boolean isNew, int line, int start, int end) implements JsNode {}

  /** An object literal; a spread or computed key has a null {@link Prop#key}. */
  record Obj(List<Prop> props, int line, int start, int end) implements JsNode {}

  /** One property of an object literal, on the line of its key. */
  record Prop(@Nullable String key, JsNode value, int line) {}

  record Arr(List<JsNode> items, int line, int start, int end) implements JsNode {}

  record Unary(String op, JsNode operand, int line, int start, int end) implements JsNode {}

  record Binary(String op, JsNode left, JsNode right, int line, int start, int end) implements JsNode {}

  record Cond(JsNode test, JsNode then, JsNode otherwise, int line, int start, int end) implements JsNode {}

  /** A function or arrow function: its body is not evaluated. */
  record Func(int line, int start, int end) implements JsNode {}

  /** Anything else the reader skipped over. */
  record Other(int line, int start, int end) implements JsNode {}
}
