//! SQL text the atlas builds: only identifiers, always double-quoted (a Vietnamese name with spaces or a
//! name like `x"; DROP TABLE y; --` is one identifier), never values — values go as parameters.

use crate::core::db_source::TableRef;

/// `name` as a quoted SQL identifier: `"name"`, with inner `"` doubled.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A schema-qualified table as SQL: `"schema"."name"`.
pub fn table(table: &TableRef) -> String {
    format!("{}.{}", ident(&table.schema), ident(&table.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_with_inner_quotes_doubled() {
        assert_eq!(ident("sử dụng đất"), "\"sử dụng đất\"");
        assert_eq!(
            ident("x\"; DROP TABLE y; --"),
            "\"x\"\"; DROP TABLE y; --\""
        );
        let hostile = TableRef {
            schema: "public".to_string(),
            name: "a\"b".to_string(),
        };
        assert_eq!(table(&hostile), "\"public\".\"a\"\"b\"");
    }
}
