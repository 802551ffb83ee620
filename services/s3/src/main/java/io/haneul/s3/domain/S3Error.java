package io.haneul.s3.domain;

/**
 * The S3 error codes Haneul answers, with AWS's HTTP status and default message for each.
 */
public enum S3Error {
    AccessControlListNotSupported(400, "The bucket does not allow ACLs"),
    AccessDenied(403, "Access Denied"),
    AnnotationLimitExceeded(400, "The request would exceed the maximum number of annotations allowed per object."),
    AnnotationNameTooLong(400, "The annotation name is too long."),
    /** S3's answer to a failure of its own (here: an object whose bytes are missing from the blob store). */
    SlowDown(503, "Please reduce your request rate."),
    InternalError(500, "We encountered an internal error. Please try again."),
    /** A refused CORS preflight: S3 names the CORS check in the message, not the code. */
    AccessForbidden(403, "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, "
            + "request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the "
            + "resource's CORS spec."),
    BadRequest(400, "Bad Request"),
    BadDigest(400, "The Content-MD5 you specified did not match what we received."),
    BucketAlreadyExists(409, "The requested bucket name is not available. The bucket namespace is shared by all users of the "
            + "system. Please select a different name and try again."),
    BucketAlreadyOwnedByYou(409, "Your previous request to create the named bucket succeeded and you already own it."),
    BucketNotEmpty(409, "The bucket you tried to delete is not empty"),
    EntityTooLarge(400, "Your proposed upload exceeds the maximum allowed size"),
    EntityTooSmall(400, "Your proposed upload is smaller than the minimum allowed size"),
    IllegalLocationConstraintException(400,
            "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to."),
    InvalidAnnotationName(400, "The annotation name is not valid."),
    InvalidArgument(400, "Invalid Argument"),
    InvalidBucketState(409, "The request is not valid with the current state of the bucket."),
    InvalidTargetBucketForLogging(400, "The target bucket for logging does not exist"),
    InvalidBucketAclWithObjectOwnership(400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"),
    InvalidBucketName(400, "The specified bucket is not valid."),
    InvalidDigest(400, "The Content-MD5 you specified is not valid."),
    InvalidLocationConstraint(400, "The specified location-constraint is not valid"),
    InvalidObjectState(403, "The operation is not valid for the object's storage class"),
    InvalidPolicyDocument(400, "The content of the form does not meet the conditions specified in the policy document."),
    InvalidPart(400, "One or more of the specified parts could not be found.  The part may not have been uploaded, or the "
            + "specified entity tag may not match the part's entity tag."),
    InvalidPartOrder(400, "The list of parts was not in ascending order. The parts list must be specified in order by part number."),
    InvalidRange(416, "The requested range is not satisfiable"),
    InvalidRequest(400, "Invalid Request"),
    InvalidStorageClass(400, "The storage class you specified is not valid"),
    InvalidBucketOwnerAWSAccountID(400, "The value of the expected bucket owner parameter must be an AWS Account ID"),
    InvalidTag(400, "The TagValue you have provided is invalid"),
    KeyTooLongError(400, "Your key is too long"),
    MalformedPolicy(400, "Policies must be valid JSON and the first byte must be '{'"),
    MalformedPOSTRequest(400, "The body of your POST request is not well-formed multipart/form-data."),
    MaxPostPreDataLengthExceededError(400, "Your POST request fields preceding the upload file were too large."),
    MalformedXML(400, "The XML you provided was not well-formed or did not validate against our published schema"),
    MetadataConfigurationNotFound(404, "The metadata table configuration does not exist."),
    MetadataConfigurationAlreadyExists(409, "The metadata table configuration already exists."),
    MethodNotAllowed(405, "The specified method is not allowed against this resource."),
    MissingSecurityHeader(400, "Your request was missing a required header"),
    MissingContentLength(411, "You must provide the Content-Length HTTP header."),
    NoSuchBucket(404, "The specified bucket does not exist"),
    NoSuchBucketPolicy(404, "The bucket policy does not exist"),
    NoSuchConfiguration(404, "The specified configuration does not exist."),
    NoSuchCORSConfiguration(404, "The CORS configuration does not exist"),
    NoSuchAnnotation(404, "The specified annotation does not exist."),
    NoSuchKey(404, "The specified key does not exist."),
    NoSuchObjectLockConfiguration(404, "The specified object does not have a ObjectLock configuration"),
    NoSuchLifecycleConfiguration(404, "The lifecycle configuration does not exist"),
    NoSuchPublicAccessBlockConfiguration(404, "The public access block configuration was not found"),
    NoSuchWebsiteConfiguration(404, "The specified bucket does not have a website configuration"),
    ObjectLockConfigurationNotFoundError(404, "Object Lock configuration does not exist for this bucket"),
    OwnershipControlsNotFoundError(404, "The bucket ownership controls were not found"),
    ReplicationConfigurationNotFoundError(404, "The replication configuration was not found"),
    NoSuchTagSet(404, "The TagSet does not exist"),
    NoSuchUpload(404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted "
            + "or completed."),
    NoSuchVersion(404, "The specified version does not exist."),
    NotImplemented(501, "A header you provided implies functionality that is not implemented"),
    NotModified(304, "Not Modified"),
    TooManyConfigurations(400, "You are attempting to create a new configuration but have already reached the 1,000-configuration limit."),
    RestoreAlreadyInProgress(409, "Object restore is already in progress"),
    PreconditionFailed(412, "At least one of the pre-conditions you specified did not hold");

    private final int status;
    private final String message;

    S3Error(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String defaultMessage() {
        return message;
    }
}
