"""SQLAlchemy models, one module per aggregate."""
from keitai.models.admin import AuditEntry, OperatorFactor
from keitai.models.album import Album, Picture, PictureComment, PictureVariant
from keitai.models.announcement import Announcement, AnnouncementRead, MemberNotice
from keitai.models.ban import Ban, MemberTerminal
from keitai.models.base import Base
from keitai.models.block import Block
from keitai.models.blog import MemberBlog
from keitai.models.bookmark import Bookmark
from keitai.models.community import (
    Community,
    CommunityMember,
    Event,
    EventParticipant,
    JoinRequest,
    Poll,
    PollChoice,
    PollVote,
    Topic,
    TopicComment,
    TopicPhoto,
    TopicPhotoVariant,
)
from keitai.models.diary import Comment, Diary
from keitai.models.endorsement import Endorsement
from keitai.models.footprint import Footprint
from keitai.models.friendship import FriendCount, FriendRequest, Friendship
from keitai.models.invitation import Invitation
from keitai.models.job import Job
from keitai.models.mail_token import MailToken
from keitai.models.member import Member
from keitai.models.message import Message
from keitai.models.music import (
    Artist,
    ArtistTotal,
    Listen,
    MusicRanking,
    MusicRankingRun,
    MusicSetting,
    Play,
    Track,
    TrackTotal,
)
from keitai.models.news import NewsFeed, NewsItem
from keitai.models.notice import EventReminder, Notice, NoticeDay, NoticeOff, NoticeWindow
from keitai.models.photo import Photo, PhotoVariant
from keitai.models.posting import PostingAddress, ReceivedMail
from keitai.models.profile import Profile, ProfileField
from keitai.models.rate_counter import RateCounter
from keitai.models.registered_handset import RegisteredHandset
from keitai.models.report import HiddenItem, Report
from keitai.models.review import Review, ReviewItem
from keitai.models.video import Video, VideoFile
from keitai.models.web_session import WebSession

__all__ = [
    "Base",
    # accounts
    "Invitation", "MailToken", "Member", "RateCounter", "RegisteredHandset", "WebSession",
    # people and the social graph
    "Block", "Bookmark", "Endorsement", "Footprint", "FriendCount", "FriendRequest",
    "Friendship", "Photo", "PhotoVariant", "Profile", "ProfileField",
    # what members write
    "Comment", "Diary", "Message",
    # 外部ブログ: members' external blogs, imported into their diaries
    "MemberBlog",
    # albums and their pictures
    "Album", "Picture", "PictureComment", "PictureVariant",
    # communities
    "Community", "CommunityMember", "Event", "EventParticipant", "JoinRequest", "Poll",
    "PollChoice", "PollVote", "Topic", "TopicComment", "TopicPhoto",
    "TopicPhotoVariant",
    # posting by mail
    "PostingAddress", "ReceivedMail",
    # videos and their files
    "Video", "VideoFile",
    # moderation: bans and the terminal ids they ban
    "Ban", "MemberTerminal",
    # reports and what operators hid
    "HiddenItem", "Report",
    # レビュー: items (books, CDs, DVDs, games, electronics) and members' reviews
    "Review", "ReviewItem",
    # お知らせ: announcements and notices to one member
    "Announcement", "AnnouncementRead", "MemberNotice",
    # notices by mail
    "EventReminder", "Notice", "NoticeDay", "NoticeOff", "NoticeWindow",
    # ニュース: the operators' feeds and their items
    "NewsFeed", "NewsItem",
    # ミュージック: artists, tracks, members' plays, players' tokens, rankings
    "Artist", "MusicRanking", "MusicRankingRun", "MusicSetting", "Play", "Track",
    "Listen", "TrackTotal", "ArtistTotal",
    # the job queue
    "Job",
    # the operators' console
    "AuditEntry", "OperatorFactor",
]
