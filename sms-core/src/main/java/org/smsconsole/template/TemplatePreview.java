package org.smsconsole.template;

import org.smsconsole.text.SegmentCount;

import java.util.List;
import java.util.Map;

/**
 * What a body becomes for one recipient and what it costs: the rendered text, its encoding
 * and parts, the characters forcing UCS-2 (with GSM replacements where there are any), and the
 * placeholders the console cannot fill for anyone.
 *
 * @param characters length of the rendered text in characters (UTF-16 units)
 */
public record TemplatePreview(String text, int characters, SegmentCount count,
                              Map<String, String> gsmReplacements, List<String> unknownPlaceholders) {
}
