package authdoctor.report;

import authdoctor.Report;
import java.io.IOException;
import java.io.Writer;

/** Turns a finished report into bytes. Pure: the same report always gives the same output. */
public interface Reporter {
  void write(Report report, Writer out) throws IOException;
}
