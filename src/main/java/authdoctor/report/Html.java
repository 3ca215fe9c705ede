package authdoctor.report;

/**
 * Escaping for the HTML report: every string that reaches the page goes through {@link #text}, which
 * makes control and formatting characters visible ({@link ServerText}) and escapes the five characters
 * that could open markup or leave an attribute (HTML Living Standard §13.1.2.3 and §13.1.4; OWASP XSS
 * prevention rules 1 and 2). No server byte reaches the page as markup.
 */
final class Html {
  private Html() {}

  /** {@code s} as element text or a quoted attribute value. */
  static String text(String s) {
    String safe = ServerText.render(s);
    StringBuilder sb = new StringBuilder(safe.length() + 16);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** {@code s} as the text of a {@code <pre>}: as {@link #text}, its line breaks kept. */
  static String lines(String s) {
    StringBuilder sb = new StringBuilder();
    String[] lines = s.split("\n", -1);
    for (int i = 0; i < lines.length; i++) sb.append(i == 0 ? "" : "\n").append(text(lines[i]));
    return sb.toString();
  }

  /** At most {@code max} characters of {@code s}, ending in {@code …} when cut. */
  static String cut(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) return s;
    return s.substring(0, s.offsetByCodePoints(0, Math.max(1, max - 1))) + "…";
  }

  /**
   * Catalog prose (the small Markdown subset of why and fix texts) as HTML: fenced code as {@code <pre>},
   * paragraphs as {@code <p>}, {@code `code`} spans as {@code <code>}; everything escaped first.
   */
  static void prose(String markdown, StringBuilder sb) {
    boolean code = false;
    StringBuilder para = new StringBuilder();
    StringBuilder pre = new StringBuilder();
    for (String line : (markdown + "\n").split("\n", -1)) {
      if (line.startsWith("```")) {
        flush(para, sb);
        if (code) {
          sb.append("<pre><code>").append(lines(pre.toString())).append("</code></pre>\n");
          pre.setLength(0);
        }
        code = !code;
      } else if (code) {
        pre.append(line).append('\n');
      } else if (line.isBlank()) {
        flush(para, sb);
      } else {
        para.append(para.isEmpty() ? "" : " ").append(line.strip());
      }
    }
    if (code) sb.append("<pre><code>").append(lines(pre.toString())).append("</code></pre>\n");
    flush(para, sb);
  }

  private static void flush(StringBuilder para, StringBuilder sb) {
    if (para.isEmpty()) return;
    sb.append("<p>").append(text(para.toString()).replaceAll("`([^`]+)`", "<code>$1</code>")).append("</p>\n");
    para.setLength(0);
  }

  /**
   * The page's style: no web font, no image, no URL; printable; a narrow window scrolls the diagram
   * sideways and wraps the rest. Severity is shown by a word and a symbol as well as a colour.
   */
  static final String STYLE = """
      :root{--err:#b00020;--warn:#8a5a00;--info:#1f5fa8;--ok:#1b6e2a;--line:#555;--bg:#fff;--fg:#111;--muted:#555}
      *{box-sizing:border-box}
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:1rem;max-width:90rem}
      h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin:.3rem 0}
      code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:.88em}
      pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f5f5f5;padding:.5rem;border-left:3px solid #999}
      a{color:#0645ad}a:focus,.arrow:focus,.note:focus,.loop-toggle:focus{outline:3px solid #f0a000;outline-offset:2px}
      .verdict-fail{color:var(--err)}.verdict-pass{color:var(--ok)}
      .findings{padding-left:1.4rem}.finding{margin:.6rem 0 1rem;padding:.4rem .6rem;border-left:6px solid var(--info)}
      .finding.sev-error{border-left-color:var(--err)}.finding.sev-warn{border-left-color:var(--warn);border-left-style:dashed}
      .finding.sev-info{border-left-style:dotted}
      .badge{display:inline-block;font-weight:700;padding:0 .35rem;border:1px solid currentColor;border-radius:3px;font-size:.8rem;margin-right:.3rem}
      .sev-error .badge.sev{color:var(--err)}.sev-warn .badge.sev{color:var(--warn)}.sev-info .badge.sev{color:var(--info)}
      .root-cause{color:var(--err)}
      .evidence{margin:.3rem 0;padding-left:1.2rem}.evidence li{overflow-wrap:anywhere}
      .unexplained{border:2px solid var(--err);padding:.5rem .8rem}
      .diagram{overflow-x:auto;border:1px solid #ddd;margin:.5rem 0}
      .diagram svg{display:block;font-family:ui-monospace,"DejaVu Sans Mono",Menlo,monospace;font-size:11px}
      svg .lane-box{fill:#eef2f7;stroke:var(--line)}svg .lifeline{stroke:#999;stroke-dasharray:4 4}
      svg .arrow line{stroke:var(--fg);stroke-width:1.4}svg .arrow polygon{fill:var(--fg)}
      svg .arrow.redirect line{stroke-dasharray:6 3}svg .arrow.response line{stroke:#444}
      svg .arrow.failed line,svg .arrow.evidence line{stroke:var(--err);stroke-width:2.4}svg .arrow.failed polygon,svg .arrow.evidence polygon{fill:var(--err)}
      svg .arrow.divergence line{stroke:#6a1b9a;stroke-width:2.4}
      svg .mark{font-weight:700;fill:var(--err)}svg .mark.diverge{fill:#6a1b9a}svg .group-label{font-weight:700;fill:var(--muted)}
      svg .loop-toggle{cursor:pointer}svg .loop-toggle rect{fill:#eef3fb;stroke:#4a6fa5;stroke-dasharray:4 2}
      svg .note rect{fill:#fffbe6;stroke:#b59b00}svg .hit line{stroke-width:4}svg .hit rect,svg rect.hit{stroke-width:3}
      svg text{fill:var(--fg)}svg .lane-role{font-weight:700}
      .steps li{margin:.2rem 0}.steps pre{margin:.1rem 0;background:none;border:0;padding:0}
      .steps li.hit,.finding.hit{background:#fff3c4}
      .sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
      .sides>section{min-width:0}
      table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .4rem;vertical-align:top;overflow-wrap:anywhere}
      tr.diverges td:first-child{font-weight:700;color:#6a1b9a}
      .legend{font-size:.85rem;color:var(--muted)}
      @media print{.diagram{overflow:visible}details>summary{list-style:none}a{color:inherit}}
      """;

  /**
   * The page's script: a link to a step or finding opens the folded parts around it, scrolls it into
   * view, highlights and focuses it; Enter on an arrow goes to its text step; a repeated pattern's toggle
   * (click, Enter or Space) shows or hides its repeats, folded on load; printing unfolds all.
   */
  static final String SCRIPT = """
      (function(){
        function show(t){
          document.querySelectorAll('.hit').forEach(function(x){x.classList.remove('hit');});
          for(var d=t.closest('details');d;d=d.parentElement&&d.parentElement.closest('details'))d.open=true;
          var lb=t.closest('g.loop-body');
          if(lb){var tg=document.querySelector('g.loop-toggle[aria-controls="'+lb.id+'"]');if(tg)fold(tg,true);}
          t.classList.add('hit');
          t.scrollIntoView({block:'center'});
          var f=t.matches('[tabindex],a')?t:t.querySelector('[tabindex],a');
          if(f)f.focus({preventScroll:true});
        }
        document.addEventListener('click',function(e){
          var a=e.target.closest('a[href^="#"]');if(!a)return;
          var t=document.getElementById(a.getAttribute('href').slice(1));if(!t)return;
          e.preventDefault();show(t);history.replaceState(null,'',a.getAttribute('href'));
        });
        document.addEventListener('keydown',function(e){
          var g=e.target.closest&&e.target.closest('[data-text]');
          if(!g||(e.key!=='Enter'&&e.key!==' '))return;
          var t=document.getElementById(g.getAttribute('data-text'));if(t){e.preventDefault();show(t);}
        });
        function relayout(svg){
          var cut=0;
          svg.querySelectorAll('g.loop-toggle').forEach(function(t){
            var b=document.getElementById(t.getAttribute('aria-controls'));if(!b)return;
            var open=t.getAttribute('aria-expanded')==='true',h=open?0:+b.getAttribute('data-height');
            b.style.display=open?'':'none';
            var a=b.nextElementSibling;
            if(a&&a.classList.contains('loop-after'))a.setAttribute('transform','translate(0,'+(-h)+')');
            cut+=h;
          });
          var full=+svg.getAttribute('data-full-height'),w=svg.getAttribute('width');
          svg.setAttribute('height',full-cut);svg.setAttribute('viewBox','0 0 '+w+' '+(full-cut));
        }
        function fold(t,open){t.setAttribute('aria-expanded',open?'true':'false');relayout(t.closest('svg'));}
        document.querySelectorAll('g.loop-toggle').forEach(function(t){fold(t,false);});
        document.addEventListener('click',function(e){
          var t=e.target.closest&&e.target.closest('g.loop-toggle');if(t)fold(t,t.getAttribute('aria-expanded')!=='true');
        });
        document.addEventListener('keydown',function(e){
          var t=e.target.closest&&e.target.closest('g.loop-toggle');
          if(t&&(e.key==='Enter'||e.key===' ')){e.preventDefault();fold(t,t.getAttribute('aria-expanded')!=='true');}
        });
        window.addEventListener('beforeprint',function(){
          document.querySelectorAll('details').forEach(function(d){d.open=true;});
          document.querySelectorAll('g.loop-toggle').forEach(function(t){fold(t,true);});
        });
        if(location.hash){var t=document.getElementById(location.hash.slice(1));if(t)show(t);}
      })();
      """;
}
