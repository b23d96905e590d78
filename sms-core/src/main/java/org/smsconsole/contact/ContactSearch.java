package org.smsconsole.contact;

import jakarta.persistence.Query;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ContactQuery} as a native SQL condition on {@code contact c}, shared by the list,
 * its count, bulk changes and the export so that they always agree on who matches. The text
 * conditions are shaped for PostgreSQL's trigram indexes ({@code lower(name) like '%x%'}).
 */
public final class ContactSearch {

    private final String where;
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    public ContactSearch(ContactQuery query) {
        StringBuilder sql = new StringBuilder(" where 1 = 1");
        if (!ContactQuery.blank(query.text())) {
            String text = escape(query.text().strip().toLowerCase(Locale.ROOT));
            String digits = query.text().replaceAll("[^0-9]", "");
            if (digits.isEmpty()) {
                sql.append(" and lower(c.name) like :text");
            } else {
                // A search without digits must not match every number through "%%".
                sql.append(" and (lower(c.name) like :text or c.phone like :digits)");
                parameters.put("digits", "%" + digits + "%");
            }
            parameters.put("text", "%" + text + "%");
        }
        if (!ContactQuery.blank(query.attributeName())) {
            sql.append(" and exists (select 1 from contact_attribute a where a.contact_id = c.id and a.name = :attrName");
            parameters.put("attrName", query.attributeName().strip());
            if (!ContactQuery.blank(query.attributeValue())) {
                sql.append(" and lower(a.value_text) = :attrValue");
                parameters.put("attrValue", query.attributeValue().strip().toLowerCase(Locale.ROOT));
            }
            sql.append(')');
        }
        if (query.groupId() != null) {
            sql.append(" and exists (select 1 from group_member m where m.contact_id = c.id and m.group_id = :groupId)");
            parameters.put("groupId", query.groupId());
        }
        where = sql.toString();
    }

    /** The condition, starting with {@code " where"}, on a contact aliased {@code c}. */
    public String where() {
        return where;
    }

    public <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /** The parameters in the order their names appear, for plain JDBC (which knows no names). */
    public String jdbcWhere(java.util.List<Object> values) {
        String sql = where;
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(":([A-Za-z]+)").matcher(sql);
        while (m.find()) {
            values.add(parameters.get(m.group(1)));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
