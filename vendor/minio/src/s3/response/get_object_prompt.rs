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

use crate::s3::error::ValidationErr;
use crate::s3::response_traits::{HasBucket, HasObject, HasRegion};
use crate::s3::types::S3Request;
use crate::{impl_from_s3response, impl_has_s3fields};
use bytes::Bytes;
use http::HeaderMap;

pub struct GetObjectPromptResponse {
    request: S3Request,
    headers: HeaderMap,
    body: Bytes,
}

impl_from_s3response!(GetObjectPromptResponse);
impl_has_s3fields!(GetObjectPromptResponse);

impl HasBucket for GetObjectPromptResponse {}
impl HasRegion for GetObjectPromptResponse {}
impl HasObject for GetObjectPromptResponse {}

impl GetObjectPromptResponse {
    /// Returns the prompt response for the object.
    ///
    /// This method retrieves the content of the object as a UTF-8 encoded string.
    pub fn prompt_response(&self) -> Result<&str, ValidationErr> {
        Ok(std::str::from_utf8(&self.body)?)
    }
}
