// Error responses in words: what went wrong and what to check.

extension S3Client {
    /// The message of the error thrown for a non-retryable error response.
    func message(for error: S3ServiceError, operation: S3Operation, region: String) -> String {
        let what = operation.summary
        let resource = operation.resource
        switch error.code {
        case "NoSuchBucket":
            return "\(what): bucket '\(operation.bucket)' does not exist (NoSuchBucket)"
        case "NoSuchKey":
            return "\(what): \(resource) does not exist (NoSuchKey)"
        case "NotFound":
            return "\(what): \(resource) not found (HTTP 404: no such object or bucket)"
        case "NoSuchUpload":
            return "\(what): the multipart upload does not exist any more (NoSuchUpload)"
        case "AccessDenied", "AllAccessDisabled", "Forbidden":
            return "\(what): access denied to \(resource) (\(error.code)): the credentials (\(configuration.credentialSource)) "
                + "lack permission, or a bucket policy forbids it"
        case "InvalidAccessKeyId":
            let key = configuration.credentials?.accessKeyId ?? "(none)"
            return "\(what): the access key ID '\(key)' is not known to the server (InvalidAccessKeyId): check "
                + "AWS_ACCESS_KEY_ID or the profile's aws_access_key_id, and the endpoint"
        case "SignatureDoesNotMatch":
            return "\(what): the server rejected the request signature (SignatureDoesNotMatch): check the secret "
                + "access key, and that the system clock is correct"
        case "RequestTimeTooSkewed":
            return "\(what): the system clock differs too much from the server's (RequestTimeTooSkewed): fix the clock"
        case "ExpiredToken", "TokenRefreshRequired", "RequestExpired":
            return "\(what): the session token has expired (\(error.code)): refresh the temporary credentials"
        case "InvalidToken":
            return "\(what): the session token is invalid (InvalidToken): check AWS_SESSION_TOKEN or the profile"
        case "PreconditionFailed":
            return "\(what): \(resource) was replaced while being read (its ETag no longer matches; PreconditionFailed)"
        case "InvalidRange":
            return "\(what): the requested range is not satisfiable (InvalidRange)"
        case "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException":
            if let other = error.bucketRegion, other != region {
                return "\(what): bucket '\(operation.bucket)' is in region '\(other)', not '\(region)' (\(error.code)): "
                    + "pass --region \(other)"
            }
            return "\(what): wrong endpoint or region for bucket '\(operation.bucket)' (\(error.description))"
        default:
            return "\(what) failed: \(error.description)"
        }
    }
}
