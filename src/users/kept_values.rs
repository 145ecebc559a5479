//! `pfp_replaced_values`: the app's pictures (picture column values pfp did not write)
//! that an upload, import or remove replaced, kept for `pfp restore` as pfp's own
//! replaced pictures are kept in the ledger. A value only: the object it may name stays
//! the app's, never checked or deleted by pfp.

use super::conn::{Conn, Value, now_micros};
use super::{Db, KeptValue, User};
use crate::error::Error;

impl Db {
    /// The statement of [`Db::keep_value_sql`] with its values: keeps `user`'s column
    /// value, if it is the app's, as replaced at `replaced_at`.
    pub(super) fn keep_value_write(&self, user: &User, replaced_at: &str) -> (String, Vec<Value>) {
        (
            self.keep_value_sql(),
            vec![
                user.id.as_str().into(),
                user.id.as_str().into(),
                replaced_at.into(),
            ],
        )
    }

    /// Copies the user's picture column (`$1`: the user's id; `$2`: the ledger's
    /// user_ref; `$3`: the time) into `pfp_replaced_values`, when it holds a value that no
    /// ledger entry of the user records: the app's picture, about to be replaced.
    fn keep_value_sql(&self) -> String {
        let s = &self.schema;
        format!(
            "INSERT INTO {kept} (user_ref, value, replaced_at) \
             SELECT CAST($2 AS TEXT), CAST(t.{p} AS TEXT), CAST($3 AS TEXT) FROM {table} t \
             WHERE t.{id} = {id_param} AND TRIM(CAST(t.{p} AS TEXT)) <> '' \
             AND NOT EXISTS (SELECT 1 FROM {ledger} l WHERE l.kind = 'user' AND l.user_ref = CAST($2 AS TEXT) AND l.url = CAST(t.{p} AS TEXT))",
            kept = s.replaced_values,
            p = s.picture,
            table = s.table,
            id = s.id,
            id_param = s.id_param,
            ledger = s.ledger,
        )
    }

    /// The app's pictures kept for `user` (see [`KeptValue`]), the most recently
    /// replaced first.
    pub async fn kept_values(&self, user: &User) -> Result<Vec<KeptValue>, Error> {
        let mut conn = self.conn.lock().await;
        self.kept_values_on(&mut conn, user).await
    }

    pub(super) async fn kept_values_on(
        &self,
        conn: &mut Conn,
        user: &User,
    ) -> Result<Vec<KeptValue>, Error> {
        let rows = conn
            .query(
                &format!(
                    "SELECT id, value, replaced_at FROM {} WHERE user_ref = $1 ORDER BY replaced_at DESC, id DESC",
                    self.schema.replaced_values
                ),
                &[user.id.as_str().into()],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                let at = |i: usize| r.get(i).and_then(Value::text).unwrap_or_default();
                KeptValue {
                    id: r.first().and_then(Value::int).unwrap_or_default(),
                    value: at(1),
                    replaced_at: at(2),
                }
            })
            .collect())
    }

    /// Deletes the app's pictures kept since before `cutoff` (of `user`, or of everyone):
    /// what the owner's next change and `verify --fix` do once they expire. Returns how
    /// many.
    pub async fn prune_kept_values(&self, user: Option<&User>, cutoff: &str) -> Result<u64, Error> {
        let table = &self.schema.replaced_values;
        let mut conn = self.conn.lock().await;
        match user {
            Some(user) => {
                conn.execute(
                    &format!("DELETE FROM {table} WHERE user_ref = $1 AND replaced_at < $2"),
                    &[user.id.as_str().into(), cutoff.into()],
                )
                .await
            }
            None => {
                conn.execute(
                    &format!("DELETE FROM {table} WHERE replaced_at < $1"),
                    &[cutoff.into()],
                )
                .await
            }
        }
    }

    /// Forgets every app picture kept for `user` (`remove --purge`, `user delete`).
    pub async fn forget_kept_values(&self, user: &User) -> Result<u64, Error> {
        self.conn
            .lock()
            .await
            .execute(
                &format!(
                    "DELETE FROM {} WHERE user_ref = $1",
                    self.schema.replaced_values
                ),
                &[user.id.as_str().into()],
            )
            .await
    }

    /// Keeps `value`, the app's picture of `user` that pfp is clearing, in the
    /// transaction open on `conn`.
    pub(super) async fn keep_value(
        &self,
        conn: &mut Conn,
        user: &User,
        value: &str,
    ) -> Result<(), Error> {
        conn.execute(
            &format!(
                "INSERT INTO {} (user_ref, value, replaced_at) VALUES ($1, $2, $3)",
                self.schema.replaced_values
            ),
            &[user.id.as_str().into(), value.into(), now_micros().into()],
        )
        .await
        .map(|_| ())
    }

    /// Forgets kept value `id` (written back to its column by `pfp restore`), in the
    /// transaction open on `conn`.
    pub(super) async fn forget_kept_value(&self, conn: &mut Conn, id: i64) -> Result<(), Error> {
        conn.execute(
            &format!("DELETE FROM {} WHERE id = $1", self.schema.replaced_values),
            &[Value::Int(id)],
        )
        .await
        .map(|_| ())
    }
}
