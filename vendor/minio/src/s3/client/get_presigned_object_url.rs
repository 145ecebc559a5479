// MinIO Rust Library for Amazon S3 Compatible Cloud Storage
// Copyright 2025 MinIO, Inc.
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
//     http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

use crate::s3::builders::{GetPresignedObjectUrl, GetPresignedObjectUrlBldr};
use crate::s3::client::MinioClient;
use crate::s3::error::ValidationErr;
use crate::s3::types::{BucketName, ObjectKey};
use http::Method;

impl MinioClient {
    /// Creates a [`GetPresignedObjectUrl`] request builder.
    ///
    /// To execute the request, call [`GetPresignedObjectUrl::send()`](crate::s3::types::S3Api::send),
    /// which returns a [`Result`] containing a [`GetPresignedObjectUrlResponse`](crate::s3::response::GetPresignedObjectUrlResponse).
    ///
    /// # Example
    ///
    /// ```no_run
    /// use http::Method;
    /// use minio::s3::MinioClient;
    /// use minio::s3::creds::StaticProvider;
    /// use minio::s3::http::BaseUrl;
    /// use minio::s3::response::GetPresignedObjectUrlResponse;
    /// use minio::s3::types::S3Api;
    ///
    /// #[tokio::main]
    /// async fn main() {
    ///     let base_url = "http://localhost:9000/".parse::<BaseUrl>().unwrap();
    ///     let static_provider = StaticProvider::new("minioadmin", "minioadmin", None);
    ///     let client = MinioClient::new(base_url, Some(static_provider), None, None).unwrap();
    ///     let resp: GetPresignedObjectUrlResponse = client
    ///         .get_presigned_object_url("bucket-name", "object-name", Method::GET)
    ///         .unwrap().build().send().await.unwrap();
    ///     println!("the presigned url: '{:?}'", resp.url);
    /// }
    /// ```
    pub fn get_presigned_object_url<B, O>(
        &self,
        bucket: B,
        object: O,
        method: Method,
    ) -> Result<GetPresignedObjectUrlBldr, ValidationErr>
    where
        B: TryInto<BucketName>,
        B::Error: Into<ValidationErr>,
        O: TryInto<ObjectKey>,
        O::Error: Into<ValidationErr>,
    {
        Ok(GetPresignedObjectUrl::builder()
            .client(self.clone())
            .bucket(bucket.try_into().map_err(Into::into)?)
            .object(object.try_into().map_err(Into::into)?)
            .method(method))
    }
}
