package authdoctor.collect.browser;

/**
 * The page-side scripts of {@link BrowserLogin}: find the visible login fields as a person would (a
 * password input; the user field by {@code autocomplete}, type, name, id or label, else the text field
 * before the password) and the button that submits them. They mark the fields with {@code
 * data-authdoctor-field} and return descriptions without values.
 */
final class LoginForm {
  private LoginForm() {}

  /** A function of {@code {user, password}} (CSS selectors or field names, "" when not given). */
  static final String FIND = """
      (({user: userSel, password: passSel}) => {
        const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
          return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && !e.disabled; };
        const pick = sel => { if (!sel) return null; let e = null;
          try { e = document.querySelector(sel); } catch (x) { e = null; }
          return e || document.querySelector('[name="' + CSS.escape(sel) + '"]') || document.getElementById(sel); };
        const label = e => ((e.labels && e.labels[0] && e.labels[0].textContent) || e.getAttribute('aria-label')
          || e.placeholder || '').toLowerCase();
        const inputs = [...document.querySelectorAll('input')].filter(visible);
        const pw = pick(passSel) || inputs.find(e => e.type === 'password' && /current-password/.test(e.autocomplete))
          || inputs.find(e => e.type === 'password');
        if (!pw) return {error: passSel ? 'no field ' + passSel + ' on the login page (--password-field)'
          : 'no visible password field on the login page; name it with --password-field'};
        const texts = inputs.filter(e => ['text', 'email', 'tel', ''].includes(e.type));
        const before = texts.filter(e => e.compareDocumentPosition(pw) & Node.DOCUMENT_POSITION_FOLLOWING);
        const user = pick(userSel) || texts.find(e => /username|email/.test(e.autocomplete))
          || texts.find(e => e.type === 'email')
          || texts.find(e => /user|mail|login|account/.test((e.name + ' ' + e.id + ' ' + label(e)).toLowerCase()))
          || before[before.length - 1];
        if (!user) return {error: userSel ? 'no field ' + userSel + ' on the login page (--user-field)'
          : 'no visible user name field before the password; name it with --user-field'};
        user.setAttribute('data-authdoctor-field', 'user');
        pw.setAttribute('data-authdoctor-field', 'password');
        const d = e => 'input' + (e.name ? ' name=' + e.name : '') + (e.id ? ' id=' + e.id : '') + ' type=' + e.type
          + (e.autocomplete ? ' autocomplete=' + e.autocomplete : '');
        return {described: 'user: ' + d(user) + '; password: ' + d(pw) + (pw.form ? '' : ' (no form)'), form: !!pw.form};
      })""";

  /** The centre of the button that submits the login next to the password field, or {@code {}}. */
  static final String BUTTON = """
      (() => {
        const pw = document.querySelector('[data-authdoctor-field="password"]');
        const words = /sign in|log in|login|sign on|continue|submit|next|anmelden|connexion/i;
        let scope = pw;
        for (let i = 0; scope && i < 6; i++, scope = scope.parentElement) {
          const b = [...scope.querySelectorAll('button, [type=submit], [role=button]')]
            .find(e => e.type === 'submit' || words.test(e.textContent || e.value || ''));
          if (b) { const r = b.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2}; }
        }
        return {};
      })()""";
}
