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

    /// Sets (or with None, removes) one of pfp's own settings.
    pub async fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), Error> {
        let mut conn = self.conn.lock().await;
        let table = &self.schema.settings;
        conn.execute(
            &format!("DELETE FROM {table} WHERE key = $1"),
            &[key.into()],
        )
        .await?;
        if let Some(value) = value {
            conn.execute(
                &format!("INSERT INTO {table} (key, value) VALUES ($1, $2)"),
                &[key.into(), value.into()],
            )
            .await?;
        }
        Ok(())
    }
}
