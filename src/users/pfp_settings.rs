//! `pfp_settings`: the few values pfp keeps in the database itself (the generated
//! avatar style, the store's id).

use super::Db;
use super::conn::Value;
use crate::error::Error;

impl Db {
    /// One of pfp's own settings.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, Error> {
        let sql = format!("SELECT value FROM {} WHERE key = $1", self.schema.settings);
        let rows = self.conn.lock().await.query(&sql, &[key.into()]).await?;
        Ok(rows.first().and_then(|r| r.first()).and_then(Value::text))
    }

    /// Several of pfp's own settings in one statement (one round trip), in the order of
    /// `keys`.
    pub async fn settings<const N: usize>(
        &self,
        keys: [&str; N],
    ) -> Result<[Option<String>; N], Error> {
        let placeholders: Vec<String> = (1..=N).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT key, value FROM {} WHERE key IN ({})",
            self.schema.settings,
            placeholders.join(", ")
        );
        let bound: Vec<Value> = keys.iter().map(|&k| k.into()).collect();
        let rows = self.conn.lock().await.query(&sql, &bound).await?;
        Ok(keys.map(|key| {
            rows.iter()
                .find(|r| r.first().and_then(Value::text).as_deref() == Some(key))
                .and_then(|r| r.get(1))
                .and_then(Value::text)
        }))
    }

    /// Sets (or with None, removes) one of pfp's own settings, in one statement.
    pub async fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), Error> {
        match value {
            Some(value) => self.set_settings(&[(key, value)]).await,
            None => {
                let sql = format!("DELETE FROM {} WHERE key = $1", self.schema.settings);
                self.conn.lock().await.execute(&sql, &[key.into()]).await?;
                Ok(())
            }
        }
    }

    /// Removes one of pfp's own settings only if it still holds `value` (a
    /// compare-and-delete: a value another run set meanwhile stays). Returns whether it
    /// was removed.
    pub async fn unset_setting_if(&self, key: &str, value: &str) -> Result<bool, Error> {
        let sql = format!(
            "DELETE FROM {} WHERE key = $1 AND value = $2",
            self.schema.settings
        );
        let removed = self
            .conn
            .lock()
            .await
            .execute(&sql, &[key.into(), value.into()])
            .await?;
        Ok(removed > 0)
    }

    /// Sets several of pfp's own settings in one statement (one round trip, all or
    /// none): an upsert on the table's key, which SQLite and PostgreSQL both have.
    pub async fn set_settings(&self, pairs: &[(&str, &str)]) -> Result<(), Error> {
        let rows: Vec<String> = (0..pairs.len())
            .map(|i| format!("(${}, ${})", 2 * i + 1, 2 * i + 2))
            .collect();
        let sql = format!(
            "INSERT INTO {} (key, value) VALUES {} ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            self.schema.settings,
            rows.join(", ")
        );
        let bound: Vec<Value> = pairs
            .iter()
            .flat_map(|&(key, value)| [key.into(), value.into()])
            .collect();
        self.conn.lock().await.execute(&sql, &bound).await?;
        Ok(())
    }
}
