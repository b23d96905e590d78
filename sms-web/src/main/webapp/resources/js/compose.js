// The browser's own time zone is the default when the list has it.
jQuery(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var w = PF('composeZone');
    if (w && zone && w.input.find('option[value="' + zone + '"]').length) {
      w.selectValue(zone);
    }
  } catch (e) { /* keep the console's zone */ }
});
